#!/bin/sh
# Update a content checkout from its git remote, moving the live folder only to a revision
# that passes `kiosk validate`. Usage: pull-content.sh [CONTENT_DIR]; $KIOSK names the kiosk
# executable (default: ~/etown-kiosk/kiosk).
set -eu
content=${1:-$HOME/etown-kiosk/content}
kiosk=${KIOSK:-$HOME/etown-kiosk/kiosk}

git -C "$content" fetch --quiet
new=$(git -C "$content" rev-parse '@{upstream}')
[ "$new" = "$(git -C "$content" rev-parse HEAD)" ] && exit 0

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
git -C "$content" archive "$new" | tar -x -C "$staging"
if ! "$kiosk" validate --content "$staging"; then
    echo "content $new does not validate; the kiosk keeps showing $(git -C "$content" rev-parse --short HEAD)" >&2
    exit 1
fi
git -C "$content" merge --ff-only --quiet "$new"
echo "content updated to $(git -C "$content" rev-parse --short HEAD)"
