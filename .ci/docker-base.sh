# shellcheck shell=bash
# Sourced by .ci/docker-smoke.sh: a private Docker engine and local base images, for a machine
# that has the docker client but no engine, and cannot reach Docker Hub. Needs root.
#
#   docker_tools_install                 docker.io, debootstrap, curl, jq from Debian if missing
#   docker_engine_start DIR              dockerd with everything under DIR; exports DOCKER_HOST
#   docker_engine_stop                   stops that dockerd by its pid file (safe to call twice)
#   docker_debian_image                  local/debian:bookworm from a cached debootstrap rootfs
#   docker_bun_image VERSION             a stand-in for oven/bun:1 built on local/debian:bookworm
#   docker_datastore_images              stand-ins for postgres:17 and redis:7 from Debian packages
#
# The stand-in has what the project's Dockerfile relies on from the real image: bun and bunx in
# /usr/local/bin, a user bun with uid 1000, WORKDIR /home/bun/app. It also trusts this machine's
# CA bundle, since downloads from inside a build go through a TLS-inspecting proxy here.

DOCKER_CI_CACHE=${DOCKER_CI_CACHE:-/var/cache/tablekeeper-ci}
DEBIAN_SUITE=bookworm
export DOCKER_BUILDKIT=0 # no BuildKit here: the classic builder uses local tags without pulling

step() { printf '\n==> [%3ss] %s\n' "$SECONDS" "$*"; }
fail() { ERR_SEEN=1; printf '\nFAIL: %s\n' "$*" >&2; exit 1; }

# Runs "$@" every second until it succeeds, for at most $1 seconds.
# A TCP port that nothing listens on, on loopback.
free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

docker_tools_install() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  # Compose v2 is a plugin Debian 12 does not package; v1 reads the same compose.yaml.
  docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null || missing+=(docker-compose)
  ((${#missing[@]} == 0)) && { echo "already installed: dockerd debootstrap curl jq compose"; return; }
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

docker_engine_start() {
  DOCKER_ENGINE_DIR=$1
  mkdir -p "$DOCKER_ENGINE_DIR"
  export DOCKER_HOST="unix://$DOCKER_ENGINE_DIR/docker.sock"
  dockerd --storage-driver=overlay2 \
    --data-root "$DOCKER_ENGINE_DIR/root" --exec-root "$DOCKER_ENGINE_DIR/exec" \
    --host "$DOCKER_HOST" --pidfile "$DOCKER_ENGINE_DIR/dockerd.pid" \
    >"$DOCKER_ENGINE_DIR/dockerd.log" 2>&1 &
  if ! wait_for 60 docker info; then
    tail -n 30 "$DOCKER_ENGINE_DIR/dockerd.log" >&2
    fail "dockerd did not answer within 60 s"
  fi
  docker version --format 'engine {{.Server.Version}}, client {{.Client.Version}}'
}

docker_engine_stop() {
  [[ -n ${DOCKER_ENGINE_DIR:-} && -d $DOCKER_ENGINE_DIR ]] || return 0
  local pidfile=$DOCKER_ENGINE_DIR/dockerd.pid pid
  if [[ -s $pidfile ]]; then
    pid=$(<"$pidfile")
    kill "$pid" 2>/dev/null
    wait_for 30 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null
  fi
  # Anything the engine left mounted under its folder must go before the folder can.
  awk -v dir="$DOCKER_ENGINE_DIR" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r |
    while read -r mount; do umount -l "$mount" 2>/dev/null; done
  rm -rf "$DOCKER_ENGINE_DIR"
  DOCKER_ENGINE_DIR=
}

# The Debian mirror this machine's apt uses, from one-line .list or deb822 .sources files.
apt_mirror() {
  local files=() file mirror
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] && files+=("$file")
  done
  mirror=$(awk -v suite="$DEBIAN_SUITE" '
    /^deb / { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) { if ($(i + 1) == suite) { print $i; exit } break } }
    /^URIs:/ { uris = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite && uris != "") { print uris; exit } }
    /^$/ { uris = "" }' "${files[@]}" /dev/null)
  echo "${mirror:-http://deb.debian.org/debian}"
}

docker_debian_image() {
  local tarball=$DOCKER_CI_CACHE/debian-$DEBIAN_SUITE-minbase.tar rootfs
  if [[ -s $tarball ]]; then
    echo "rootfs from cache: $tarball"
  else
    local mirror
    mirror=$(apt_mirror)
    echo "debootstrap --variant=minbase $DEBIAN_SUITE from $mirror"
    mkdir -p "$DOCKER_CI_CACHE"
    rootfs=$(mktemp -d "$DOCKER_CI_CACHE/rootfs.XXXXXX")
    debootstrap --variant=minbase "$DEBIAN_SUITE" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 ||
      { tail -n 20 "$rootfs.log" >&2; rm -rf "$rootfs"; fail "debootstrap failed"; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
    rm -rf "$rootfs" "$rootfs.log"
  fi
  docker import "$tarball" "local/debian:$DEBIAN_SUITE" >/dev/null
  docker run --rm "local/debian:$DEBIAN_SUITE" cat /etc/debian_version
}

docker_bun_image() {
  local version=$1 package tarball context registry registry_env=""
  package=$DOCKER_CI_CACHE/oven-bun-linux-x64-$version.tgz
  if [[ ! -s $package ]]; then
    echo "npm pack @oven/bun-linux-x64@$version"
    mkdir -p "$DOCKER_CI_CACHE"
    tarball=$(cd "$DOCKER_CI_CACHE" && npm pack --silent "@oven/bun-linux-x64@$version") ||
      fail "npm pack @oven/bun-linux-x64@$version failed"
    [[ $DOCKER_CI_CACHE/$tarball -ef $package ]] || mv "$DOCKER_CI_CACHE/$tarball" "$package"
  fi
  context=$(mktemp -d)
  tar -xzf "$package" -C "$context" package/bin/bun
  mv "$context/package/bin/bun" "$context/bun" && rm -rf "$context/package"
  cp /etc/ssl/certs/ca-certificates.crt "$context/ca-certificates.crt"
  # A registry mirror set for npm on this machine is the one bun must use inside builds too.
  registry=$(npm config get registry 2>/dev/null)
  [[ -n $registry && $registry != https://registry.npmjs.org/ ]] && registry_env=" NPM_CONFIG_REGISTRY=$registry"
  cat >"$context/Dockerfile" <<EOF
FROM local/debian:$DEBIAN_SUITE
COPY bun /usr/local/bin/bun
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt$registry_env
RUN chmod 0755 /usr/local/bin/bun && ln -s /usr/local/bin/bun /usr/local/bin/bunx \\
 && echo 'bun:x:1000:' >>/etc/group \\
 && echo 'bun:x:1000:1000::/home/bun:/bin/sh' >>/etc/passwd \\
 && mkdir -p /home/bun && chown bun:bun /home/bun
WORKDIR /home/bun/app
CMD ["/usr/local/bin/bun"]
EOF
  docker build -t oven/bun:1 "$context" >"$context.log" 2>&1 ||
    { tail -n 20 "$context.log" >&2; rm -rf "$context" "$context.log"; fail "building the oven/bun:1 stand-in failed"; }
  rm -rf "$context" "$context.log"
  docker run --rm oven/bun:1 bun --version
}

# Stand-ins for postgres:17 and redis:7, for compose.yaml's scale profile, built on
# local/debian:bookworm from Debian's postgresql-15 and redis-server (7.0) packages: one apt layer,
# two targets. They honour what compose.yaml relies on from the real images, no more: PGDATA
# /var/lib/postgresql/data, initialised on first start with POSTGRES_USER, POSTGRES_PASSWORD (or
# POSTGRES_HOST_AUTH_METHOD=trust) and POSTGRES_DB, listening on every address with scram-sha-256
# for TCP; pg_isready and redis-cli on the PATH; redis-server in /data, reachable from other
# containers without a password. The two images are saved under $DOCKER_CI_CACHE, keyed on this
# recipe, so that later runs load them in seconds instead of running apt again.
docker_datastore_images() {
  local context key cache target tag
  context=$(mktemp -d)
  cat >"$context/Dockerfile" <<DOCKERFILE
FROM local/debian:$DEBIAN_SUITE AS datastores
# No cluster made by the package (the entrypoint makes one in PGDATA), and no service started.
RUN printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d \\
 && mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf \\
 && apt-get update -qq \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 redis-server >/dev/null \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
ENV LANG=C.UTF-8

FROM datastores AS postgres
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh && mkdir -p /var/lib/postgresql/data \\
 && chown postgres:postgres /var/lib/postgresql/data
VOLUME ["/var/lib/postgresql/data"]
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]

FROM datastores AS redis
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh && mkdir -p /data && chown redis:redis /data
VOLUME ["/data"]
WORKDIR /data
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 6379
CMD ["redis-server"]
DOCKERFILE
  cat >"$context/postgres-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/bash
# First start: a cluster in $PGDATA from the POSTGRES_* variables; then postgres in the foreground.
set -euo pipefail
[[ ${1:-} == -* ]] && set -- postgres "$@"
[[ ${1:-} == postgres ]] || exec "$@"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 0700 "$PGDATA"
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [[ -z ${POSTGRES_PASSWORD:-} && $auth != trust ]]; then
    echo "Error: Database is uninitialized and superuser password is not specified." >&2
    echo "       You must specify POSTGRES_PASSWORD to a non-empty value for the superuser." >&2
    exit 1
  fi
  options=(-D "$PGDATA" --username="$user" --auth-local=trust --auth-host="$auth" --encoding=UTF8 --locale=C.UTF-8)
  if [[ -n ${POSTGRES_PASSWORD:-} ]]; then
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    chown postgres "$pwfile"
    options+=(--pwfile="$pwfile")
  fi
  as_postgres initdb "${options[@]}" >/dev/null
  rm -f "${pwfile:-}"
  echo "host all all all $auth" >>"$PGDATA/pg_hba.conf"
  if [[ $db != postgres ]]; then
    # Single-user mode: nothing listens, on a socket or a port, until the database exists.
    printf 'CREATE DATABASE "%s";\n' "$db" | as_postgres postgres --single -j -D "$PGDATA" postgres >/dev/null
  fi
  echo "initialised $PGDATA: user $user, database $db, host auth $auth"
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups "$@" -c listen_addresses='*'
ENTRYPOINT
  cat >"$context/redis-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/bash
# redis-server as the user redis in /data; other containers may connect without a password.
set -euo pipefail
[[ ${1:-} == -* || ${1:-} == *.conf ]] && set -- redis-server "$@"
[[ ${1:-} == redis-server ]] || exec "$@"
chown -R redis:redis /data
exec setpriv --reuid=redis --regid=redis --init-groups "$@" --protected-mode no
ENTRYPOINT
  key=$({ cat "$context/Dockerfile" "$context/postgres-entrypoint.sh" "$context/redis-entrypoint.sh"
    stat -c %s.%Y "$DOCKER_CI_CACHE/debian-$DEBIAN_SUITE-minbase.tar"; } | sha256sum | cut -c1-16)
  cache=$DOCKER_CI_CACHE/datastores-$key.tar
  if [[ -s $cache ]]; then
    echo "images from cache: $cache"
    docker load -i "$cache" >/dev/null
  else
    for target in postgres redis; do
      if [[ $target == postgres ]]; then tag=postgres:17; else tag=redis:7; fi
      docker build --target "$target" -t "$tag" "$context" >"$context.log" 2>&1 ||
        { tail -n 20 "$context.log" >&2; rm -rf "$context" "$context.log"; fail "building the $tag stand-in failed"; }
    done
    mkdir -p "$DOCKER_CI_CACHE"
    rm -f "$DOCKER_CI_CACHE"/datastores-*.tar
    docker save -o "$cache.partial" postgres:17 redis:7 && mv "$cache.partial" "$cache"
  fi
  rm -rf "$context" "$context.log"
  docker run --rm --entrypoint postgres postgres:17 --version
  docker run --rm --entrypoint redis-server redis:7 --version
}
