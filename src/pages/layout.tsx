/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { UserRow } from "../db/account-store";

export interface LayoutProps {
  title: string;
  guest: UserRow | null;
  /** A one-off message of what just happened: "Your table is booked." */
  flash?: string | null;
  children?: Child;
}

/** Every page: Pico's classless look, a header that knows who is signed in, and the page itself. */
export function Layout({ title, guest, flash, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · Tablekeeper`}</title>
        <link rel="stylesheet" href="/assets/pico.min.css" />
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <header class="container">
          <nav aria-label="Site">
            <ul>
              <li>
                <a href="/" class="brand">
                  <strong>Tablekeeper</strong>
                </a>
              </li>
            </ul>
            {guest ? (
              <ul>
                <li>Hi, {guest.firstName}</li>
                <li>
                  <a href="/my/reservations">My reservations</a>
                </li>
                <li>
                  <a href="/profile">Profile</a>
                </li>
                <li>
                  <form method="post" action="/logout" class="inline">
                    <button type="submit" class="secondary outline">
                      Log out
                    </button>
                  </form>
                </li>
              </ul>
            ) : (
              <ul>
                <li>
                  <a href="/login">Log in</a>
                </li>
                <li>
                  <a href="/signup">Sign up</a>
                </li>
              </ul>
            )}
          </nav>
        </header>
        <main class="container">
          {flash ? (
            <p role="status" class="flash">
              {flash}
            </p>
          ) : null}
          {children}
        </main>
        <footer class="container">
          <small>
            Tablekeeper · <a href="/docs">API for venues</a>
          </small>
        </footer>
      </body>
    </html>
  );
}
