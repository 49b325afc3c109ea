# How bin/stack and bin/bench run a service JVM (README, "Operations", JVMs).
# Sourced after bin/lib/build.sh (find_java sets JAVA).

# glibc gives each thread that allocates its own malloc arena (up to 64 MB each, partly
# touched); two bound what the JVM's native allocations add to the resident size.
export MALLOC_ARENA_MAX=2

service_jvm_options() { # <heap, e.g. 256m> <class-data archive path>: fills the array JVM_OPTIONS
  # A bounded heap and the serial collector: with heaps of 128 MB to 1 GB on two cores, G1's
  # remembered sets and concurrent threads cost ~40 MB of native memory and CPU, and buy
  # nothing that the serial collector's few-millisecond pauses lose here (docs/benchmarks.md).
  # AppCDS: the first start writes the classes it loaded into the archive at its exit, later
  # starts map them instead of loading them; a rebuilt jar makes the JVM write it again.
  JVM_OPTIONS=("-Xmx$1" -XX:+UseSerialGC "-XX:SharedArchiveFile=$2" -XX:+AutoCreateSharedArchive)
}
