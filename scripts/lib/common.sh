# Shared helpers for the project's scripts. Source it; do not run it.

# The directory holding initdb/pg_ctl/postgres: on PATH, else the newest /usr/lib/postgresql/*/bin.
pg_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# psql: beside the server binaries, else on PATH.
psql_bin() {
  local dir
  dir=$(pg_bin_dir)
  if [ -n "$dir" ] && [ -x "$dir/psql" ]; then echo "$dir/psql"; return 0; fi
  command -v psql 2>/dev/null || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: '$*' needs root; run it as root or install sudo" >&2; return 1
  fi
}

apt_install() {
  echo "Installing $* from Debian's packages …" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Installs PostgreSQL's server binaries when they are missing.
ensure_postgres() {
  if [ -z "$(pg_bin_dir)" ]; then
    apt_install postgresql
  fi
  if [ -z "$(pg_bin_dir)" ]; then
    echo "error: PostgreSQL's server binaries are still missing after installing 'postgresql'" >&2
    return 1
  fi
}

# Installs wrk, the load generator of the benchmark (scripts/bench; tests/bench.rs runs its script).
ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    apt_install wrk
  fi
}

# Installs LibreOffice Writer without its GUI (about a minute), with which tests/word.rs opens the
# Word downloads and converts them to PDF, as a council's secretariat would open them.
ensure_libreoffice() {
  if [ ! -x /usr/bin/soffice ]; then
    apt_install libreoffice-writer-nogui
  fi
}

# Installs Chromium and ChromeDriver (for the browser tests) when they are missing.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver fonts-dejavu-core
  fi
}

# Runs a command as the cluster's owner: postgres when we are root (PostgreSQL refuses root).
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts a throw-away PostgreSQL cluster for tests in $1 (a new directory), listening only on a
# unix socket in that directory. Exports TEST_PG_DIR and prints nothing on success.
start_test_cluster() {
  local root=$1 bin
  bin=$(pg_bin_dir)
  mkdir -p "$root"
  chmod 755 "$root"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$root"; fi
  as_pg_owner "$bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --locale=C >"$root/initdb.log" 2>&1 \
    || { cat "$root/initdb.log" >&2; return 1; }
  # Durability is irrelevant for tests; speed is not.
  as_pg_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 start \
    -o "-c listen_addresses='' -k $root -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { cat "$root/server.log" >&2; return 1; }
  export TEST_PG_DIR=$root
}

stop_test_cluster() {
  local root=$1 bin
  bin=$(pg_bin_dir)
  if [ -f "$root/data/postmaster.pid" ]; then
    as_pg_owner "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
}

# axe-core, the accessibility engine that tests/accessibility.rs injects into every main page. It is
# third-party code, so it is fetched from the npm registry (pinned version and checksum) into the
# git-ignored target/axe/ rather than committed.
AXE_VERSION=4.14.1
AXE_INTEGRITY=sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
AXE_DIR=target/axe/$AXE_VERSION

# Fetches one file of a pinned npm package from the npm registry when it is missing: checks the
# package against its pinned sha512 (the registry's "integrity") and unpacks only that file.
# Usage: fetch_npm_file NAME VERSION INTEGRITY PATH_IN_PACKAGE DEST
fetch_npm_file() {
  local name=$1 version=$2 integrity=$3 inner=$4 dest=$5
  [ -s "$dest" ] && return 0
  if ! command -v curl >/dev/null 2>&1; then apt_install curl ca-certificates; fi
  if ! command -v openssl >/dev/null 2>&1; then apt_install openssl; fi
  local tmp sum
  tmp=$(mktemp -d)
  curl -fsSL "https://registry.npmjs.org/$name/-/$name-$version.tgz" -o "$tmp/package.tgz"
  sum="sha512-$(openssl dgst -sha512 -binary "$tmp/package.tgz" | base64 -w0)"
  if [ "$sum" != "$integrity" ]; then
    echo "error: $name $version does not match its pinned checksum ($sum)" >&2
    rm -rf "$tmp"
    return 1
  fi
  mkdir -p "$(dirname "$dest")"
  tar -xzf "$tmp/package.tgz" -C "$tmp" "package/$inner"
  mv "$tmp/package/$inner" "$dest"
  rm -rf "$tmp"
}

# Fetches axe-core when it is missing, checks it against the pinned sha512 and exports RETNING_AXE_JS.
ensure_axe() {
  local js="$AXE_DIR/axe.min.js"
  fetch_npm_file axe-core "$AXE_VERSION" "$AXE_INTEGRITY" axe.min.js "$js"
  RETNING_AXE_JS="$(pwd)/$js"
  export RETNING_AXE_JS
}

# The Nu HTML Checker (vnu), which tests/html_validity.rs runs once over every main page's HTML, and
# HTML_CodeSniffer (WCAG2AA), which it injects into every main page like axe. Third-party code too:
# pinned versions and checksums from the npm registry, unpacked into the git-ignored target/.
VNU_VERSION=26.9.27
VNU_INTEGRITY=sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==
HTMLCS_VERSION=2.5.1
HTMLCS_INTEGRITY=sha512-vcz0yAaX/OaV6sdNHuT9alBOKkSxYb8h5Yq26dUqgi7XmCgGUSa7U9PiY1PBXQFMjKv1wVPs5/QzHlGuxPDUGg==

# Installs Java 17 (vnu needs a Java runtime, 11 or newer) when `java` is missing.
ensure_java() {
  if ! command -v java >/dev/null 2>&1; then
    apt_install openjdk-17-jre-headless
  fi
}

# Fetches vnu.jar and exports RETNING_VNU_JAR.
ensure_vnu() {
  ensure_java
  local jar="target/vnu/$VNU_VERSION/vnu.jar"
  fetch_npm_file vnu-jar "$VNU_VERSION" "$VNU_INTEGRITY" build/dist/vnu.jar "$jar"
  RETNING_VNU_JAR="$(pwd)/$jar"
  export RETNING_VNU_JAR
}

# Fetches HTML_CodeSniffer's browser build and exports RETNING_HTMLCS_JS.
ensure_htmlcs() {
  local js="target/htmlcs/$HTMLCS_VERSION/HTMLCS.js"
  fetch_npm_file html_codesniffer "$HTMLCS_VERSION" "$HTMLCS_INTEGRITY" build/HTMLCS.js "$js"
  RETNING_HTMLCS_JS="$(pwd)/$js"
  export RETNING_HTMLCS_JS
}

# Node.js and npm from Debian's packages, for the OpenID provider of tests/sso_browser.rs.
ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
}

# The OpenID Certified provider (npm oidc-provider, pinned in tests/oidc/package-lock.json) that
# tests/sso_browser.rs signs in through. `npm ci` installs exactly the locked versions and checks
# every package against its sha512 in the lock file; it runs no install scripts. Installed into
# the git-ignored target/, next to a copy of tests/oidc/provider.mjs (Node resolves the script's
# imports from its own folder). Exports RETNING_OIDC_PROVIDER, the script to run.
ensure_oidc_provider() {
  ensure_node
  local dir=target/oidc-provider
  mkdir -p "$dir"
  if ! cmp -s tests/oidc/package-lock.json "$dir/package-lock.json" || [ ! -d "$dir/node_modules/oidc-provider" ]; then
    cp tests/oidc/package.json tests/oidc/package-lock.json "$dir/"
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
  cp tests/oidc/provider.mjs "$dir/provider.mjs"
  RETNING_OIDC_PROVIDER="$(pwd)/$dir/provider.mjs"
  export RETNING_OIDC_PROVIDER
}

# scim2-tester (PyPI), the SCIM 2.0 conformance checker that tests/scim_tester.rs runs against the
# real server: installed with pip into a virtual environment in the git-ignored target/, exactly the
# versions pinned in tests/scim_tester/requirements.txt (re-installed when that file changes).
# Python's venv module comes from Debian (python3-venv) when missing. Exports RETNING_SCIM_TESTER,
# the venv's Python, which runs tests/scim_tester/run.py.
ensure_scim_tester() {
  local venv=target/scim-tester
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    apt_install python3 python3-venv
  fi
  if [ ! -x "$venv/bin/python" ] || ! cmp -s tests/scim_tester/requirements.txt "$venv/requirements.txt"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r tests/scim_tester/requirements.txt
    cp tests/scim_tester/requirements.txt "$venv/requirements.txt"
  fi
  RETNING_SCIM_TESTER="$(pwd)/$venv/bin/python"
  export RETNING_SCIM_TESTER
}
