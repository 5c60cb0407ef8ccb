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
# The revision's commit time, for the fleet's "content behind" alert (git stamps every file
# with the time it was pulled, so the files cannot say how new the content is).
git -C "$content" log -1 --format=%ct "$new" > "$content/.revision-time"
git -C "$content" merge --ff-only --quiet "$new"
echo "content updated to $(git -C "$content" rev-parse --short HEAD)"
