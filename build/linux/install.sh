#!/usr/bin/env bash
# Installs the First Stop kiosk on Debian 12 (or a later Debian or Ubuntu), or into a
# throwaway root for CI:
#
#   sudo build/linux/install.sh --bundle build/dist/firststop-kiosk [--root DIR] [--no-packages]
#
# --bundle DIR    the kiosk bundle folder (PyInstaller one-folder; DIR/firststop-kiosk)
# --root DIR      install into DIR instead of / (nothing outside DIR is touched: no
#                 packages, no systemctl start, no sysctl); DIR/etc/passwd must exist
# --no-packages   do not install missing Debian packages (cage, kbd, the Qt libraries)
#
# What it sets up: the kiosk user (firststop-kiosk, no password, no shell), the bundle in
# /opt/firststop-kiosk, the kiosk's automatic login (firststop-kiosk.service: a PAM session
# on tty7 running cage), the console shown after an installer exit, the nightly restart,
# journald's limits, SysRq and Ctrl+Alt+Del off, and firststop-kiosk-setup (enrol, set-pin).
# Run it again at any time, e.g. with a newer bundle: what is already right is left alone,
# and a second run with the same bundle changes nothing at all.
set -euo pipefail

kit_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
readonly kit_dir
readonly kiosk_user=firststop-kiosk
readonly kiosk_home=/var/lib/firststop-kiosk
readonly bundle_dest=/opt/firststop-kiosk
readonly lib_dir=/usr/local/lib/firststop-kiosk
readonly packages=(
    cage kbd util-linux
    libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libxkbcommon0
    libwayland-client0 libwayland-cursor0 libwayland-egl1
    libfontconfig1 libfreetype6 fonts-dejavu-core libpulse0
)

root=/
bundle=
with_packages=1
changed=0
units_changed=0
bundle_changed=0

die() {
    echo "install.sh: $*" >&2
    exit 1
}

note() {
    echo "  $*"
}

usage() {
    sed -n '2,13s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case $1 in
        --root) root=${2:?--root needs a folder}; shift 2 ;;
        --bundle) bundle=${2:?--bundle needs a folder}; shift 2 ;;
        --no-packages) with_packages=0; shift ;;
        -h | --help) usage ;;
        *) echo "install.sh: unknown option $1" >&2; usage ;;
    esac
done

[[ -n $bundle ]] || usage
[[ $(id -u) -eq 0 ]] || die "run this as root: it creates a user and installs system files"
[[ -d $root ]] || die "--root $root is not a folder"
root=$(cd -- "$root" && pwd -P)
[[ -x $bundle/firststop-kiosk && ! -d $bundle/firststop-kiosk ]] \
    || die "$bundle is not a kiosk bundle (no executable $bundle/firststop-kiosk)"
bundle=$(cd -- "$bundle" && pwd -P)
[[ -f $root/etc/passwd ]] || die "$root/etc/passwd does not exist"

live() {
    [[ $root == / ]]
}

# A path inside the target root.
at() {
    if live; then printf '%s' "$1"; else printf '%s%s' "$root" "$1"; fi
}

# --- Packages -------------------------------------------------------------------------

install_packages() {
    local missing=() package
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$package")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    echo "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
    changed=1
}

# --- The kiosk user -------------------------------------------------------------------

passwd_field() { # USER FIELD: from the target root's own passwd file, never the host's
    awk -F: -v user="$1" -v field="$2" '$1 == user { print $field }' "$(at /etc/passwd)"
}

ensure_user() {
    if [[ -z $(passwd_field "$kiosk_user" 1) ]]; then
        local root_option=()
        live || root_option=(--root "$root")
        useradd "${root_option[@]}" --system --user-group \
            --home-dir "$kiosk_home" --no-create-home --shell /usr/sbin/nologin \
            --comment "First Stop kiosk" "$kiosk_user"
        note "created the user $kiosk_user"
        changed=1
    fi
    local home
    home=$(passwd_field "$kiosk_user" 6)
    [[ $home == "$kiosk_home" ]] \
        || die "the user $kiosk_user exists with home $home, not $kiosk_home: remove it first"
    local uid gid
    uid=$(passwd_field "$kiosk_user" 3)
    gid=$(passwd_field "$kiosk_user" 4)
    ensure_dir "$kiosk_home" 700 "$uid" "$gid"
}

# --- Files ----------------------------------------------------------------------------

ensure_dir() { # PATH MODE UID GID
    local path
    path=$(at "$1")
    if [[ ! -d $path ]]; then
        install -d -m "$2" -o "$3" -g "$4" -- "$path"
        note "created $1"
        changed=1
    elif [[ $(stat -c '%a %u %g' -- "$path") != "$2 $3 $4" ]]; then
        chown "$3:$4" -- "$path"
        chmod "$2" -- "$path"
        note "fixed the owner or mode of $1"
        changed=1
    fi
}

# Copy a file of the kit into place, unless it is already there, the same, owned by root
# with the same mode. Returns 0 when it changed something.
put() { # SOURCE DEST MODE
    local source=$kit_dir/$1 dest
    dest=$(at "$2")
    if [[ -f $dest ]] && cmp -s -- "$source" "$dest" \
        && [[ $(stat -c '%a %u %g' -- "$dest") == "$3 0 0" ]]; then
        return 1
    fi
    install -D -m "$3" -o 0 -g 0 -- "$source" "$dest"
    note "installed $2"
    changed=1
    return 0
}

put_unit() { # NAME
    if put "$1" "/etc/systemd/system/$1" 644; then units_changed=1; fi
}

ensure_symlink() { # LINK TARGET
    local link
    link=$(at "$1")
    [[ -L $link && $(readlink -- "$link") == "$2" ]] && return 0
    mkdir -p -- "$(dirname -- "$link")"
    ln -sfn -- "$2" "$link"
    note "linked $1 -> $2"
    changed=1
}

install_bundle() {
    local dest staging old
    dest=$(at "$bundle_dest")
    if [[ -d $dest ]] && diff -r -q --no-dereference -- "$bundle" "$dest" >/dev/null 2>&1 \
        && [[ -z $(find "$dest" \( ! -user 0 -o ! -group 0 -o \( ! -type l -perm /022 \) \) -print -quit) ]]; then
        return 0
    fi
    staging=$dest.new
    old=$dest.old
    rm -rf -- "$staging" "$old"
    mkdir -p -- "$(dirname -- "$dest")"
    cp -R --preserve=mode,timestamps --no-dereference -- "$bundle" "$staging"
    # The kiosk user may run the bundle, never change it.
    chown -R -h 0:0 -- "$staging"
    chmod -R u+rwX,go+rX,go-w -- "$staging"
    if [[ -e $dest ]]; then mv -- "$dest" "$old"; fi
    mv -- "$staging" "$dest"
    rm -rf -- "$old"
    note "installed the bundle in $bundle_dest"
    changed=1
    bundle_changed=1
}

# --- systemd --------------------------------------------------------------------------

systemctl_root() {
    if live; then systemctl "$@"; else systemctl --root="$root" "$@"; fi
}

enable_units() {
    local unit
    for unit in firststop-kiosk.service firststop-kiosk-restart.timer; do
        if ! systemctl_root --quiet is-enabled "$unit" 2>/dev/null; then
            systemctl_root --quiet enable "$unit"
            note "enabled $unit"
            changed=1
        fi
    done
    if [[ $(systemctl_root get-default 2>/dev/null) != graphical.target ]]; then
        systemctl_root --quiet set-default graphical.target
        note "the machine now starts to graphical.target"
        changed=1
    fi
}

apply_live() {
    if ((units_changed)); then systemctl daemon-reload; fi
    systemctl start firststop-kiosk-restart.timer
    if ((changed)); then
        sysctl -q --load="$(at /etc/sysctl.d/90-firststop-kiosk.conf)"
        systemctl try-restart systemd-journald.service
    fi
    if ((units_changed || bundle_changed)); then
        systemctl try-restart firststop-kiosk.service
    fi
}

# --- Run ------------------------------------------------------------------------------

echo "Installing the First Stop kiosk into $root"
if live && ((with_packages)); then install_packages; fi

ensure_user
install_bundle
put session "$lib_dir/session" 755 || true
put run-kiosk "$lib_dir/run-kiosk" 755 || true
put firststop-kiosk-setup /usr/local/sbin/firststop-kiosk-setup 755 || true
ensure_symlink /usr/local/bin/firststop-kiosk "$bundle_dest/firststop-kiosk"
put pam-firststop-kiosk /etc/pam.d/firststop-kiosk 644 || true
put journald-firststop-kiosk.conf /etc/systemd/journald.conf.d/firststop-kiosk.conf 644 || true
put sysctl-firststop-kiosk.conf /etc/sysctl.d/90-firststop-kiosk.conf 644 || true
put_unit firststop-kiosk.service
put_unit firststop-kiosk-console.service
put_unit firststop-kiosk-restart.service
put_unit firststop-kiosk-restart.timer
# Ctrl+Alt+Del must not reboot a public kiosk.
ensure_symlink /etc/systemd/system/ctrl-alt-del.target /dev/null
enable_units
if live; then apply_live; fi

if ((changed)); then echo "Done."; else echo "Nothing to change: already installed."; fi
if live; then
    cat <<'NEXT'
Next, as root:
  firststop-kiosk-setup set-pin                    the installer exit's PIN
  firststop-kiosk-setup enrol CODE https://ADDRESS   enrol this kiosk; it then starts
NEXT
fi
