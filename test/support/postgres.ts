/** A PostgreSQL database of the test run's own on the local server, dropped when asked. */
import postgres from "postgres";

const SERVER = "postgres://postgres@127.0.0.1:5432";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tk_test_${process.pid}_${crypto.randomUUID().slice(0, 8)}`;
  const admin = postgres(`${SERVER}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    url: `${SERVER}/${name}`,
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
