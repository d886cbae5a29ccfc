# The huge pages boot-test.sh reserves on the command line for the hugetlb
# cases of upstream's vfio_dma_mapping_test: one 1 GiB and one 2 MiB page
# free.
hp=/sys/kernel/mm/hugepages
[ -d $hp ] || { echo "kernel without CONFIG_HUGETLBFS: the hugetlb cases of vfio_dma_mapping_test skip"; exit 4; }
grep -H . $hp/*/free_hugepages
[ "$(cat $hp/hugepages-2048kB/free_hugepages)" -ge 1 ] &&
	[ "$(cat $hp/hugepages-1048576kB/free_hugepages)" -ge 1 ]
