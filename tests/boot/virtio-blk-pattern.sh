# virtio-blk (MSI-X behind the emulated VT-d) reads back the known pattern.
want=$(cat /etc/disk.sha256)
blockdev --flushbufs /dev/vda
got=$(sha256sum /dev/vda | cut -d' ' -f1)
echo "want $want got $got"
[ "$want" = "$got" ]
