# irumd in a container: the server, the bundled tables and nothing else.
#
#   docker build -t irum:0.1.0 .
#   docker run --rm -p 50051:50051 -p 9090:9090 irum:0.1.0
#   build/client/irum --server=127.0.0.1:50051 resolve Kaesong
#   curl -s http://127.0.0.1:9090/metrics
#
# Kubernetes manifests for this image are in deploy/ (deploy/README.md). scripts/check-deploy checks
# this file against them (ports, user, flags, runtime libraries); it is a ctest.

# --- Build: Debian 12 with the packages scripts/setup installs, Release, no tests or benchmarks.
FROM debian:12 AS build
WORKDIR /src
# scripts/setup holds the one list of build packages; copying it alone first keeps the layer of
# installed packages cached while the sources change. (Its list also has the test libraries and
# python3: a few MB in a stage that is thrown away, against a second list to keep in step.)
COPY scripts/setup scripts/setup
RUN scripts/setup && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DIRUM_BUILD_TESTS=OFF \
      -DIRUM_BUILD_BENCHMARKS=OFF >/dev/null \
 && cmake --build /build -j"$(nproc)" --target irumd irum irum-load \
 && strip /build/server/irumd /build/client/irum /build/client/irum-load \
 && /build/server/irumd --check --tables=tables

# --- Runtime: Debian 12 slim with the shared libraries the binaries link and nothing to build with.
FROM debian:12-slim
# The Debian 12 packages of the libraries `ldd irumd` lists (the rest come as their dependencies):
# libgrpc++1.51 (libgrpc++, libgrpc++_reflection), libgrpc29 (libgrpc, libgpr), libprotobuf32,
# libabsl20220623, libicu72, libprometheus-cpp-core1.0 and libprometheus-cpp-pull1.0 (the metrics;
# civetweb and zlib come with them). wamerican is /usr/share/dict/american-english, the English
# lexicon Annotate reads (without it irumd warns and judges unknown names by the decoder alone);
# hunspell-ko is /usr/share/hunspell/ko.dic, the Korean one (without it irumd warns and links a
# person's two-syllable name that is also a word, 조국, as any name).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libgrpc++1.51 libgrpc29 libprotobuf32 libabsl20220623 libicu72 \
      libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 wamerican hunspell-ko \
 && rm -rf /var/lib/apt/lists/*
# A fixed numeric UID/GID so that Kubernetes' runAsNonRoot can verify it (deploy/deployment.yaml).
RUN groupadd --system --gid 10001 irum \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin irum
COPY --from=build /build/server/irumd /build/client/irum /build/client/irum-load /usr/local/bin/
COPY --from=build /src/tables /usr/share/irum/tables
USER 10001:10001
# gRPC, and Prometheus metrics over HTTP (/metrics).
EXPOSE 50051 9090
# The health check calls the standard health service (grpc.health.v1.Health/Check, service "").
# The irum CLI has no health command and grpc_health_probe is not a Debian package, so it uses the
# bundled load generator's `check` workload: one connection, one Check at a time for 100 ms. It
# exits 2 when the server cannot be reached within 5 s and 1 on UNAVAILABLE or INTERNAL answers.
# It counts other failures (DEADLINE_EXCEEDED) as expected, so each Check gets a 60 s deadline,
# longer than the health check's --timeout: a server that accepts but never answers keeps the
# command running until Docker kills it, which fails the check. It does not read the answer's
# status: NOT_SERVING (given only while irumd shuts down) counts as healthy. Kubernetes ignores
# HEALTHCHECK; deploy/ uses its native grpc probes, which do read the status.
HEALTHCHECK --interval=30s --timeout=10s --start-period=15s --retries=3 \
  CMD ["irum-load", "--server=127.0.0.1:50051", "--workload=check", "--baseline=false", \
       "--duration=100ms", "--connections=1", "--inflight=1", "--timeout=60s"]
# irumd runs as PID 1: it blocks SIGTERM, SIGINT and SIGHUP and takes them with sigwait, and the
# kernel delivers blocked signals to a namespace's init too (checked with `unshare --pid --fork`:
# SIGTERM stops it gracefully), so no init process is needed. Arguments given to `docker run` (or
# a pod's args) are appended, and a repeated flag's last value wins: --tables=/mnt/tables --watch.
ENTRYPOINT ["irumd", "--listen=0.0.0.0:50051", "--insecure", "--metrics_listen=0.0.0.0:9090", \
            "--tables=/usr/share/irum/tables"]
