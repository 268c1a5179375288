#!/usr/bin/env bash
# Builds the project's Docker image, unchanged, and runs it on this machine: lint, a private
# engine, the test stage, the production image (health, a booking with an API key, data kept on
# its volume across a restart and a new container), and compose.yaml (`run --rm test`, `up`, and
# `--profile scale up`: two replicas on one PostgreSQL, a booking made through one and read
# through the other). Run as root from anywhere:
#   bash .ci/docker-smoke.sh
#   SMOKE_ONLY=scale bash .ci/docker-smoke.sh    only the production image and the scale profile
# The machine has no running engine and cannot reach Docker Hub, so .ci/docker-base.sh starts a
# dockerd of our own and builds stand-ins for oven/bun:1 (Debian and the npm bun binary), and for
# postgres:17 and redis:7 (Debian's packages) under those tags, so compose.yaml runs unchanged.
set -Eeuo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=.ci/docker-base.sh
source "$ROOT/.ci/docker-base.sh"
cd "$ROOT"

[[ $(id -u) == 0 ]] || fail "run as root: it installs packages and starts dockerd"

IMAGE=tablekeeper:smoke
TEST_IMAGE=tablekeeper:smoke-test
RUN_ID=tk-smoke-$$
CONTAINER=$RUN_ID-app
VOLUME=$RUN_ID-data
API_KEY=$(od -An -tx1 -N20 /dev/urandom | tr -d ' \n')
AUTH="Authorization: Bearer $API_KEY"
SCALE_PROJECT=
case ${SMOKE_ONLY:-} in
  "") ;;
  scale) echo "SMOKE_ONLY=scale: lint, the test stage, the single container and the plain compose steps are skipped" ;;
  *) fail "SMOKE_ONLY: expected scale or nothing, got '$SMOKE_ONLY'" ;;
esac
# Every step runs unless SMOKE_ONLY names another.
full() { [[ -z ${SMOKE_ONLY:-} ]]; }

cleanup() {
  local status=$?
  set +e
  trap - ERR # what fails from here on is clean-up of things that may not exist
  if [[ -n ${DOCKER_ENGINE_DIR:-} ]]; then
    if ((status != 0)) && docker inspect "$CONTAINER" >/dev/null 2>&1; then
      echo "--- last lines of the app's log ---" >&2
      docker logs --tail 40 "$CONTAINER" >&2
    fi
    docker rm -f "$CONTAINER" "$CONTAINER-2" >/dev/null 2>&1
    docker volume rm "$VOLUME" >/dev/null 2>&1
    if [[ -n $SCALE_PROJECT ]]; then
      if ((status != 0)); then
        echo "--- the scale profile's containers and their last log lines ---" >&2
        "${compose[@]}" -p "$SCALE_PROJECT" --profile scale ps >&2
        "${compose[@]}" -p "$SCALE_PROJECT" --profile scale logs --no-color --tail 25 >&2
      fi
      "${compose[@]}" -p "$SCALE_PROJECT" --profile scale down -v >/dev/null 2>&1
    fi
  fi
  docker_engine_stop
  ((status == 0)) && echo "docker smoke: PASS (${SECONDS}s)" || echo "docker smoke: FAIL (${SECONDS}s)" >&2
}
trap cleanup EXIT
trap '[[ -n ${ERR_SEEN:-} ]] || { ERR_SEEN=1; echo "FAIL: ${BASH_SOURCE[0]##*/} line $LINENO: $BASH_COMMAND" >&2; }' ERR
trap 'exit 130' INT TERM

# The bun version in package-lock.json (the devDependency) is the one the stand-in gets.
bun_version() {
  if [[ -f node_modules/bun/package.json ]]; then
    jq -r .version node_modules/bun/package.json
  else
    jq -r '.packages["node_modules/bun"].version' package-lock.json
  fi
}

# curl against the app on loopback only; prints the body, fails on a status other than $1.
http() {
  local expect=$1; shift
  local out status
  out=$(mktemp)
  status=$(curl -sS --max-time 10 -o "$out" -w '%{http_code}' "$@") || { rm -f "$out"; return 1; }
  if [[ $status != "$expect" ]]; then
    echo "HTTP $status (expected $expect) from curl $*:" >&2; cat "$out" >&2; echo >&2
    rm -f "$out"; return 1
  fi
  cat "$out"; rm -f "$out"
}

base_url() { echo "http://$(docker port "$1" 3000/tcp | head -n 1)"; }
healthy() { [[ $(docker inspect -f '{{.State.Health.Status}}' "$1") == healthy ]]; }

# Starts a container of the image on the smoke volume; waits for /healthz and the HEALTHCHECK.
start_app() {
  local name=$1
  docker run -d --name "$name" -p 127.0.0.1::3000 -v "$VOLUME:/data" -e API_KEYS="smoke:$API_KEY" \
    --health-interval 2s --health-start-period 10s "$IMAGE" >/dev/null
  wait_for 30 curl -fsS --max-time 2 "$(base_url "$name")/healthz" || fail "$name: /healthz did not answer within 30 s"
  wait_for 30 healthy "$name" || fail "$name: the image's HEALTHCHECK did not report healthy within 30 s"
}

# A slot from tomorrow on (the restaurant's own tomorrow may lag ours by a day, so the search
# starts a day later and goes on for a week): prints "restaurantId start".
find_slot() {
  local url=$1 restaurant day slot
  restaurant=$(http 200 -H "$AUTH" "$url/api/v1/restaurants" | jq -r '.data[0].id')
  [[ -n $restaurant && $restaurant != null ]] || fail "no seeded restaurant in GET /api/v1/restaurants"
  for day in 2 3 4 5 6 7 8; do
    slot=$(http 200 -H "$AUTH" "$url/api/v1/restaurants/$restaurant/availability?date=$(date -u -d "+$day days" +%F)&partySize=2" |
      jq -r '[.slots[] | select(.remainingCovers >= 2)][0].start // empty')
    [[ -n $slot ]] && { echo "$restaurant $slot"; return; }
  done
  fail "no bookable slot for restaurant $restaurant in a week"
}

if full; then
  step "lint: dockerfile-utils lint Dockerfile"
  lint=$(npx --yes dockerfile-utils@0.16.3 lint Dockerfile 2>&1) || true
  [[ -z $lint ]] || { echo "$lint"; fail "dockerfile-utils reported problems"; }
  echo "no problems"
fi

step "tools: docker.io, debootstrap, curl, jq"
docker_tools_install

step "engine: private dockerd"
docker_engine_start "$(mktemp -d /tmp/tk-docker.XXXXXX)"

step "base image: local/debian:$DEBIAN_SUITE"
docker_debian_image

step "base image: oven/bun:1 stand-in (bun $(bun_version))"
docker_bun_image "$(bun_version)"

step "base images: postgres:17 and redis:7 stand-ins"
docker_datastore_images

# Proxy settings are predefined build args: passed on if this machine has them.
build_args=()
for var in HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy; do
  [[ -n ${!var:-} ]] && build_args+=(--build-arg "$var")
done

if full; then
  step "test stage: docker build --target test ."
  docker build "${build_args[@]}" --target test -t "$TEST_IMAGE" . >"$DOCKER_ENGINE_DIR/test-build.log" 2>&1 ||
    { tail -n 60 "$DOCKER_ENGINE_DIR/test-build.log" >&2; fail "the test stage failed"; }
  grep -E '^ *[0-9]+ (pass|fail)' "$DOCKER_ENGINE_DIR/test-build.log" || true
fi

step "build: docker build -t $IMAGE ."
docker build "${build_args[@]}" -t "$IMAGE" . >"$DOCKER_ENGINE_DIR/build.log" 2>&1 ||
  { tail -n 40 "$DOCKER_ENGINE_DIR/build.log" >&2; fail "docker build failed"; }
docker image inspect -f 'user={{.Config.User}} volumes={{json .Config.Volumes}} size={{.Size}}' "$IMAGE"
[[ $(docker image inspect -f '{{.Config.User}}' "$IMAGE") == bun ]] || fail "the image does not run as the user bun"

# The images are built above; compose uses them under its own tags instead of building again.
docker tag "$IMAGE" tablekeeper:latest
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
# Compose reads these from the environment: loopback ports that are free now.
export PORT APP_1_PORT APP_2_PORT
PORT=$(free_port) APP_1_PORT=$(free_port) APP_2_PORT=$(free_port)

if full; then
  step "run: container on volume $VOLUME"
  docker volume create "$VOLUME" >/dev/null
  start_app "$CONTAINER"
  URL=$(base_url "$CONTAINER")
  echo "app at $URL, healthy"
  [[ $(docker exec "$CONTAINER" id -u) == 1000 ]] || fail "the server process does not run as uid 1000"
  [[ $(http 200 "$URL/healthz" | jq -r .status) == ok ]] || fail "/healthz did not say ok"
  http 401 "$URL/api/v1/restaurants" >/dev/null || fail "the API answered without a key"

  step "booking: POST /api/v1/reservations with the API key"
  slot=$(find_slot "$URL")
  read -r RESTAURANT SLOT <<<"$slot"
  echo "restaurant $RESTAURANT, slot $SLOT"
  booking=$(jq -nc --arg r "$RESTAURANT" --arg d "$SLOT" \
    '{restaurantId: $r, firstName: "Smoke", lastName: "Test", phone: "(415) 555-2671", date: $d, guestCount: 2}')
  created=$(http 201 -H "$AUTH" -H 'Content-Type: application/json' -d "$booking" "$URL/api/v1/reservations") ||
    fail "POST /api/v1/reservations did not answer 201"
  RESERVATION=$(jq -r .id <<<"$created")
  echo "created reservation $RESERVATION"

  step "persistence: docker restart, then GET the reservation"
  docker restart "$CONTAINER" >/dev/null
  wait_for 30 curl -fsS --max-time 2 "$(base_url "$CONTAINER")/healthz" || fail "no /healthz within 30 s of the restart"
  URL=$(base_url "$CONTAINER")
  read_back=$(http 200 -H "$AUTH" "$URL/api/v1/reservations/$RESERVATION") || fail "the reservation is gone after a restart"
  [[ $(jq -r .id <<<"$read_back") == "$RESERVATION" ]] || fail "GET returned another reservation"
  echo "reservation kept across the restart"

  step "persistence: a new container on the same volume"
  docker rm -f "$CONTAINER" >/dev/null
  start_app "$CONTAINER-2"
  http 200 -H "$AUTH" "$(base_url "$CONTAINER-2")/api/v1/reservations/$RESERVATION" >/dev/null ||
    fail "the reservation is not on the volume"
  echo "reservation read by a new container from volume $VOLUME"
  docker rm -f "$CONTAINER-2" >/dev/null

  step "compose: compose.yaml as 'docker compose' reads it"
  project=$RUN_ID-compose
  "${compose[@]}" -p "$project" config -q || fail "compose.yaml is not valid"
  docker tag "$TEST_IMAGE" tablekeeper:test
  "${compose[@]}" -p "$project" run --rm test >"$DOCKER_ENGINE_DIR/compose-test.log" 2>&1 ||
    { tail -n 40 "$DOCKER_ENGINE_DIR/compose-test.log" >&2; fail "'compose run --rm test' failed"; }
  grep -E '^ *[0-9]+ (pass|fail)' "$DOCKER_ENGINE_DIR/compose-test.log" || true
  API_KEYS="smoke:$API_KEY" "${compose[@]}" -p "$project" up -d app >/dev/null 2>&1 || fail "'compose up' failed"
  wait_for 30 curl -fsS --max-time 2 "http://127.0.0.1:$PORT/healthz" || fail "no /healthz from 'compose up' within 30 s"
  http 200 -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/restaurants?limit=1" >/dev/null || fail "the composed app refused the API key"
  echo "'compose up' serves on 127.0.0.1:$PORT; 'compose run --rm test' passed"
  "${compose[@]}" -p "$project" down -v >/dev/null 2>&1
fi

step "compose scale: --profile scale up -d (two replicas, worker, postgres:17, redis:7 stand-ins)"
SCALE_PROJECT=$RUN_ID-scale
scale=("${compose[@]}" -p "$SCALE_PROJECT" --profile scale)
# Without the profile, compose.yaml is the SQLite app alone, and needs no scale variable.
env -u POSTGRES_PASSWORD -u API_KEYS "${compose[@]}" -p "$SCALE_PROJECT" config -q ||
  fail "compose.yaml without a profile needs variables it did not need before"
services=$(env -u POSTGRES_PASSWORD "${scale[@]}" config --services)
for service in app-1 app-2 worker postgres redis; do
  grep -qx "$service" <<<"$services" || fail "compose.yaml has no service $service"
done
export POSTGRES_PASSWORD
POSTGRES_PASSWORD=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
started=$SECONDS
API_KEYS="smoke:$API_KEY" "${scale[@]}" up -d >"$DOCKER_ENGINE_DIR/compose-scale.log" 2>&1 ||
  { tail -n 30 "$DOCKER_ENGINE_DIR/compose-scale.log" >&2; fail "'compose --profile scale up -d' failed"; }
REPLICA_1=http://127.0.0.1:$APP_1_PORT REPLICA_2=http://127.0.0.1:$APP_2_PORT
ready() { [[ $(curl -sS --max-time 2 "$1/readyz" | jq -r .status) == ready ]]; }
wait_for 90 ready "$REPLICA_1" || fail "app-1: /readyz did not say ready within 90 s"
wait_for 30 ready "$REPLICA_2" || fail "app-2: /readyz did not say ready within 30 s"
echo "app-1 at $REPLICA_1 and app-2 at $REPLICA_2 ready on PostgreSQL, $((SECONDS - started)) s after 'up'"
for replica in app-1 app-2; do
  env=$("${scale[@]}" exec -T "$replica" printenv)
  grep -qx 'SCHEDULER_ENABLED=false' <<<"$env" || fail "$replica: SCHEDULER_ENABLED is not false"
  grep -q '^DATABASE_URL=postgres://' <<<"$env" || fail "$replica: DATABASE_URL is not PostgreSQL"
done

slot=$(find_slot "$REPLICA_1")
read -r RESTAURANT SLOT <<<"$slot"
booking=$(jq -nc --arg r "$RESTAURANT" --arg d "$SLOT" \
  '{restaurantId: $r, firstName: "Scale", lastName: "Test", phone: "(415) 555-2671", date: $d, guestCount: 2}')
created=$(http 201 -H "$AUTH" -H 'Content-Type: application/json' -d "$booking" "$REPLICA_1/api/v1/reservations") ||
  fail "POST /api/v1/reservations through app-1 did not answer 201"
RESERVATION=$(jq -r .id <<<"$created")
read_back=$(http 200 -H "$AUTH" "$REPLICA_2/api/v1/reservations/$RESERVATION") ||
  fail "app-2 does not see the reservation made through app-1"
[[ $(jq -r .id <<<"$read_back") == "$RESERVATION" ]] || fail "app-2 returned another reservation"
echo "reservation $RESERVATION ($SLOT) made through app-1, read back through app-2"
rows=$("${scale[@]}" exec -T postgres psql -U tablekeeper -d tablekeeper -Atc "select count(*) from reservations where id = '$RESERVATION'")
[[ $rows == 1 ]] || fail "the reservation is not in PostgreSQL (count: $rows)"
echo "and it is in PostgreSQL"

# The worker's entry point comes with the Redis work; until it is on this branch the container
# cannot run, and is only checked for its settings.
if [[ -f src/jobs/worker.ts ]]; then
  sleep 5
  worker=$("${scale[@]}" ps -q worker)
  state=$(docker inspect -f '{{.State.Status}} restarts={{.RestartCount}}' "$worker")
  [[ $state == "running restarts=0" ]] || { docker logs --tail 30 "$worker" >&2; fail "worker: $state"; }
  echo "worker running ($state)"
else
  echo "worker: src/jobs/worker.ts is not on this branch yet, so its container is not checked"
fi

"${scale[@]}" down -v >/dev/null 2>&1 || fail "'compose --profile scale down -v' failed"
left=$(docker volume ls -q --filter "label=com.docker.compose.project=$SCALE_PROJECT")
[[ -z $left ]] || fail "volumes left after 'down -v': $left"
SCALE_PROJECT=
echo "'compose --profile scale down -v' removed the containers and volumes"

step "done"
