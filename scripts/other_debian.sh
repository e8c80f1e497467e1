#!/usr/bin/env bash
# Run the test suite (or any make target) on the other Debian release, in a debootstrap chroot:
# on Debian 12 (QGIS 3.22) the chroot is Debian 13 (QGIS 3.40 LTR), and the other way round.
#
#   scripts/other_debian.sh [make target ...]     default: test        (make test-other-debian)
#   scripts/other_debian.sh pytest "PYTEST_ARGS=tests/test_x.py -x -q"   one test file there
#   OTHER_DEBIAN=trixie|bookworm                  choose the release instead of "the other one"
#   RIFA_CHROOT_CACHE=/var/cache/rifa-zoning      where chroots and wheels are kept between runs
#
# The chroot lives in $RIFA_CHROOT_CACHE/<release> and is linked from .chroot/<release> in the
# checkout (ignored by git), so a fresh clone on the same machine (CI) reuses it; where that cache
# cannot be written it is built in .chroot/<release> itself. It is built once by debootstrap, then
# `make deps` installs the Debian packages inside (apt reaches Debian's mirror from the chroot as
# from the host). Python packages are not fetched from inside: pip downloads the wheels for the
# chroot's Python on the host, and the chroot's venv installs them offline (PIP_NO_INDEX).
#
# Each run copies the checkout (tracked and untracked files, not ignored ones) to /work/rifa_zoning
# in the chroot and shared/ (found beside the checkout as the tests find it) is bind-mounted
# read-only at /work/shared. Every mount is made in a private mount namespace of this script
# (unshare), so none can outlive it or reach the host's mount table, even if the script is killed;
# a trap unmounts them on every exit as well. Needs root.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${RIFA_CHROOT_CACHE:-/var/cache/rifa-zoning}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

die() { echo "other_debian: $*" >&2; exit 1; }
log() { echo "other_debian: $*" >&2; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot and mounts)"

host_codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
case "${OTHER_DEBIAN:-}" in
    "") case "$host_codename" in
            bookworm) release=trixie ;;
            trixie) release=bookworm ;;
            *) die "host is '$host_codename': set OTHER_DEBIAN=bookworm or trixie" ;;
        esac ;;
    bookworm|trixie) release=$OTHER_DEBIAN ;;
    *) die "OTHER_DEBIAN must be bookworm or trixie" ;;
esac
case "$release" in
    bookworm) python_version=3.11 debian_version=12 ;;
    trixie) python_version=3.13 debian_version=13 ;;
esac

# --- inside the private mount namespace: mount, chroot, run ------------------------------------
if [ "${1:-}" = "--in-namespace" ]; then
    shift
    rootfs=$1 shared=$2 wheels=$3
    shift 3
    mounted=()
    cleanup() {
        local i
        for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
            umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
        done
    }
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    m() {  # m TARGET mount-args...: mount, and remember it for the trap
        local target=$1
        shift
        mkdir -p "$target"
        mount "$@" "$target"
        mounted+=("$target")
    }
    # (unshare --propagation private: nothing mounted here propagates back to the host)
    m "$rootfs/proc" -t proc -o nosuid,nodev,noexec proc
    m "$rootfs/sys" -t sysfs -o ro,nosuid,nodev,noexec sysfs
    # a /dev of our own (as systemd-nspawn makes it), not a bind of the host's
    m "$rootfs/dev" -t tmpfs -o mode=755,nosuid dev
    for node in "null c 1 3" "zero c 1 5" "full c 1 7" "random c 1 8" "urandom c 1 9" "tty c 5 0"; do
        read -r name kind major minor <<<"$node"
        mknod -m 666 "$rootfs/dev/$name" "$kind" "$major" "$minor"
    done
    ln -s /proc/self/fd "$rootfs/dev/fd"
    ln -s /proc/self/fd/0 "$rootfs/dev/stdin"
    ln -s /proc/self/fd/1 "$rootfs/dev/stdout"
    ln -s /proc/self/fd/2 "$rootfs/dev/stderr"
    m "$rootfs/dev/pts" -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts
    ln -s pts/ptmx "$rootfs/dev/ptmx"
    m "$rootfs/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev shm
    m "$rootfs/tmp" -t tmpfs -o mode=1777,nosuid,nodev tmp
    cp -L /etc/resolv.conf "$rootfs/etc/resolv.conf" 2>/dev/null || true
    if [ -n "$wheels" ]; then
        m "$rootfs/wheels" --bind "$wheels"
        mount -o remount,bind,ro "$rootfs/wheels"
    fi
    if [ -n "$shared" ]; then
        m "$rootfs/work/shared" --bind "$shared"
        mount -o remount,bind,ro "$rootfs/work/shared"
    fi
    status=0
    chroot "$rootfs" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive "$@" || status=$?
    exit $status
fi

# the mounts' namespace is private: nothing mounted there propagates to the host. Inside a chroot
# (/ no mount point: this script run in a chroot of its own) the propagation cannot be changed and
# stays what the chroot's namespace has (private, when that is this script's).
propagation=private
mountpoint -q / || propagation=unchanged
in_chroot() {  # in_chroot SHARED WHEELS command...: run in the chroot, mounts in a namespace
    unshare --mount --propagation "$propagation" "$0" --in-namespace "$rootfs" "$@"
}

# --- the chroot: $CACHE/<release>, linked from .chroot/<release> -------------------------------
link="$ROOT/.chroot/$release"
mkdir -p "$ROOT/.chroot"
if mkdir -p "$CACHE" 2>/dev/null && [ -w "$CACHE" ]; then
    rootfs="$CACHE/$release"
    [ -L "$link" ] || [ ! -e "$link" ] || die "$link exists and is not a link to $rootfs: remove it"
    ln -sfn "$rootfs" "$link"
else
    log "$CACHE is not writable: building the chroot in $link"
    rootfs=$link
    CACHE="$ROOT/.chroot"
fi

# one build at a time per release (two CI runs or worktrees on the same machine)
exec 9>"$CACHE/$release.lock"
flock 9

if [ ! -e "$rootfs/.rifa-base" ]; then
    command -v debootstrap >/dev/null || { apt-get update -q && apt-get install -y -q debootstrap; }
    log "debootstrap $release into $rootfs (a few minutes, once)"
    rm -rf "$rootfs.partial"
    debootstrap --variant=minbase "$release" "$rootfs.partial" "$MIRROR" >&2
    rm -rf "$rootfs"
    mv "$rootfs.partial" "$rootfs"
    touch "$rootfs/.rifa-base"
fi
mkdir -p "$rootfs/work" "$rootfs/wheels"

# --- the wheels for the chroot's Python, downloaded on the host --------------------------------
wheels="$CACHE/wheels-$release"
host_python=${HOST_PYTHON:-$ROOT/.venv/bin/python}
[ -x "$host_python" ] || host_python=python3
constraints="$ROOT/requirements/debian$debian_version.txt"
[ -f "$constraints" ] || die "no $constraints: pin the versions for Debian $debian_version there"
mkdir -p "$wheels"
log "wheels for Python $python_version into $wheels"
env -u PIP_NO_INDEX "$host_python" -m pip download -q --disable-pip-version-check --dest "$wheels" \
    --python-version "$python_version" --implementation cp --only-binary=:all: \
    -r "$ROOT/requirements-dev.txt" -c "$constraints" >&2
env -u PIP_NO_INDEX "$host_python" -m pip download -q --disable-pip-version-check --dest "$wheels" \
    --python-version "$python_version" --implementation cp --only-binary=:all: --no-deps \
    -r "$ROOT/requirements/no-deps-debian$debian_version.txt" >&2

# --- the checkout and shared/ in the chroot ----------------------------------------------------
shared=""
for dir in "$ROOT"/.. "$ROOT"/../..; do
    if [ -d "$dir/shared" ]; then shared=$(cd "$dir/shared" && pwd); break; fi
done
[ -n "$shared" ] || log "no shared/ beside the checkout: tests that need it skip"
rm -rf "$rootfs/work/rifa_zoning"
mkdir -p "$rootfs/work/rifa_zoning"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
        | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
        | tar --null -T - -cf -) | tar -C "$rootfs/work/rifa_zoning" -xf -
else
    tar -C "$ROOT" --exclude=./.chroot --exclude=./.venv -cf - . | tar -C "$rootfs/work/rifa_zoning" -xf -
fi
# a git work tree of its own there (make package lists the plugin's files with git)
git -C "$rootfs/work/rifa_zoning" init -q
git -C "$rootfs/work/rifa_zoning" add -A

# Debian packages (make deps is a no-op once they are in), then the target, pip offline
[ -x "$rootfs/usr/bin/make" ] || in_chroot "" "" sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends make' >&2
in_chroot "" "" make -C /work/rifa_zoning -s deps >&2
log "chroot ready after ${SECONDS} s"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(test)
qgis_version=$(chroot "$rootfs" dpkg-query -W -f='${Version}' qgis 2>/dev/null || echo "?")
log "make ${targets[*]} on Debian $debian_version ($release), QGIS $qgis_version, in $rootfs"
status=0
in_chroot "$shared" "$wheels" env PIP_NO_INDEX=1 PIP_FIND_LINKS=/wheels \
    make -C /work/rifa_zoning "${targets[@]}" || status=$?
log "done after ${SECONDS} s (exit $status)"
exit $status
