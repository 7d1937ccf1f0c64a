#!/usr/bin/env bash
# Offline validation of the deployment files, for CI: no Docker engine, no cluster, no network
# beyond Debian's package archive (only when a tool is missing and we run as root).
#
#   1. docker-compose.yml: `docker-compose config -q` (compose's own schema validation; Debian's
#      docker-compose 1.29.2, or docker compose v2 when that is what is installed), with and without
#      the `gpu` profile, then structural checks of the resolved file (health checks, depends_on
#      conditions, a scalable worker, the GPU worker's profile, build arg and NVIDIA reservation, the
#      shared COLORIZE_* variables pointing at the compose services).
#   2. The three Dockerfiles: the conventions the compose file and the manifests rely on (build stage,
#      module, runtime image, quarkus-app layout, non-root user, port 8080, ai.djl.offline).
#   3. deploy/k8s: `kubectl kustomize` of the base and each overlay, then deploy/k8s/check_manifests.py
#      on each rendered set (probes, resources, security contexts, GPU request, Services, KEDA target).
#
# What this does NOT do: build or run images, start containers, talk to an API server, or validate
# objects against the Kubernetes/KEDA OpenAPI schemas. Exit status 0 when all passes, 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

fail() { echo "validate-deployments: FAILED: $*" >&2; exit 1; }
step() { echo "validate-deployments: $*"; }

APT_UPDATED=0
apt_install() { # packages...
  if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
    fail "missing tool; install the Debian package(s) '$*' (apt-get install --no-install-recommends $*) and run again"
  fi
  step "installing $* (apt-get)"
  if [ "$APT_UPDATED" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq > /dev/null || fail "apt-get update failed"
    APT_UPDATED=1
  fi
  # --no-install-recommends: docker-compose recommends docker.io (a whole engine), not needed here.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null \
    || fail "apt-get install $* failed"
}

# --- tools ----------------------------------------------------------------------------------------
PYTHON=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" > /dev/null && "$p" -c 'import yaml' 2> /dev/null; then PYTHON="$p"; break; fi
done
if [ -z "$PYTHON" ]; then
  apt_install python3-yaml
  /usr/bin/python3 -c 'import yaml' 2> /dev/null || fail "python3-yaml installed but /usr/bin/python3 cannot import yaml"
  PYTHON=/usr/bin/python3
fi

COMPOSE=()
if command -v docker-compose > /dev/null && docker-compose version > /dev/null 2>&1; then
  COMPOSE=(docker-compose)
elif command -v docker > /dev/null && docker compose version > /dev/null 2>&1; then
  COMPOSE=(docker compose)
else
  apt_install docker-compose
  COMPOSE=(docker-compose)
fi

if ! { command -v kubectl > /dev/null && kubectl kustomize --help > /dev/null 2>&1; }; then
  apt_install kubernetes-client
  kubectl kustomize --help > /dev/null 2>&1 || fail "kubectl from kubernetes-client has no 'kustomize' command"
fi
step "tools: $("${COMPOSE[@]}" version 2>/dev/null | head -1); kubectl $(kubectl version --client 2>/dev/null | head -1 | sed -E 's/^Client Version: //; s/.*GitVersion:"([^"]+)".*/\1/'); $("$PYTHON" --version 2>&1)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- 1. docker-compose ------------------------------------------------------------------------------
# A clean environment: the defaults in the file are what is checked, not this shell's variables.
compose() { env -i PATH="$PATH" HOME="${HOME:-/root}" "${COMPOSE[@]}" --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" "$@"; }
compose config -q 2> "$WORK/compose.err" || { cat "$WORK/compose.err" >&2; fail "docker-compose.yml does not validate (${COMPOSE[*]} config)"; }
compose --profile gpu config > "$WORK/compose.yaml" 2> "$WORK/compose.err" \
  || { cat "$WORK/compose.err" >&2; fail "docker-compose.yml with profile gpu does not validate"; }
step "docker-compose.yml: '${COMPOSE[*]} config' accepts it (default and gpu profile)"

"$PYTHON" - "$WORK/compose.yaml" "$ROOT" <<'PY' || fail "docker-compose.yml structural checks (lines above)"
import os, re, sys, yaml
resolved, root = sys.argv[1], sys.argv[2]
doc = yaml.safe_load(open(resolved))
svcs = doc.get("services", {})
problems = []
def fail(where, msg): problems.append(f"{where}: {msg}")
APPS = ["ingest-service", "gpu-worker", "gpu-worker-gpu", "trainer"]
INFRA = {"kafka": "apache/kafka:4.1.", "postgres": "postgres:16", "minio": "minio"}
SHARED = ["COLORIZE_KAFKA_BOOTSTRAP", "COLORIZE_DB_URL", "COLORIZE_DB_USER", "COLORIZE_DB_PASSWORD",
          "COLORIZE_S3_ENDPOINT", "COLORIZE_S3_ACCESS_KEY", "COLORIZE_S3_SECRET_KEY", "COLORIZE_S3_REGION"]
for name in list(INFRA) + ["kafka-topics"] + APPS:
    if name not in svcs:
        fail(name, "service missing")
for name, prefix in INFRA.items():
    s = svcs.get(name, {})
    if prefix not in str(s.get("image", "")):
        fail(name, f"image {s.get('image')!r}, expected {prefix}*")
    if not s.get("healthcheck", {}).get("test"):
        fail(name, "no healthcheck")
def env_of(s):
    e = s.get("environment", {})
    if isinstance(e, list):
        e = dict(x.split("=", 1) for x in e)
    return e
k = svcs.get("kafka", {})
kenv = env_of(k)
if set(str(kenv.get("KAFKA_PROCESS_ROLES", "")).split(",")) != {"broker", "controller"}:
    fail("kafka", "KAFKA_PROCESS_ROLES must be broker,controller (single KRaft node)")
for key in ("KAFKA_NODE_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES",
            "KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS", "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"):
    if key not in kenv:
        fail("kafka", f"{key} not set")
if "kafka-broker-api-versions" not in str(k.get("healthcheck", {}).get("test")):
    fail("kafka", "healthcheck should ask the broker (kafka-broker-api-versions.sh)")
if "pg_isready" not in str(svcs.get("postgres", {}).get("healthcheck", {}).get("test")):
    fail("postgres", "healthcheck should be pg_isready")
kt = svcs.get("kafka-topics", {})
if kt.get("depends_on", {}).get("kafka", {}).get("condition") != "service_healthy":
    fail("kafka-topics", "must wait for kafka: service_healthy")
if "colorize.jobs" not in str(kt.get("command")):
    fail("kafka-topics", "does not create colorize.jobs")
pg, mn = env_of(svcs.get("postgres", {})), env_of(svcs.get("minio", {}))
declared_vols = set((doc.get("volumes") or {}).keys())
for name in ["kafka", "postgres", "minio"]:
    vols = svcs.get(name, {}).get("volumes", [])
    named = [v for v in vols if (v.get("type") == "volume" if isinstance(v, dict) else not str(v).startswith(("/", ".")))]
    if not named:
        fail(name, "data not on a named volume")
for name in APPS:
    s = svcs.get(name)
    if not s:
        continue
    b = s.get("build", {})
    if os.path.realpath(b.get("context", "")) != os.path.realpath(root):
        fail(name, f"build context {b.get('context')!r} is not the repository root")
    module = "gpu-worker" if name.startswith("gpu-worker") else name
    want = f"{module}/src/main/docker/Dockerfile.jvm"
    if b.get("dockerfile") != want:
        fail(name, f"dockerfile {b.get('dockerfile')!r}, expected {want}")
    elif not os.path.isfile(os.path.join(root, want)):
        fail(name, f"{want} does not exist")
    test = str(s.get("healthcheck", {}).get("test"))
    if "/q/health/" not in test or "8080" not in test:
        fail(name, "healthcheck does not ask Quarkus /q/health/* on 8080")
    deps = s.get("depends_on", {})
    for dep, cond in (("postgres", "service_healthy"), ("minio", "service_healthy"),
                      ("kafka-topics", "service_completed_successfully")):
        if not isinstance(deps, dict) or deps.get(dep, {}).get("condition") != cond:
            fail(name, f"depends_on {dep} without condition {cond}")
    env = env_of(s)
    for var in SHARED:
        if not env.get(var):
            fail(name, f"{var} not set")
    def host(url):
        m = re.match(r"^(?:jdbc:postgresql://|https?://)?([^:/]+)", str(url))
        return m.group(1) if m else None
    for var, svc in (("COLORIZE_KAFKA_BOOTSTRAP", "kafka"), ("COLORIZE_DB_URL", "postgres"),
                     ("COLORIZE_S3_ENDPOINT", "minio")):
        if host(env.get(var)) != svc:
            fail(name, f"{var}={env.get(var)!r} does not point at service {svc}")
    if env.get("COLORIZE_DB_USER") != pg.get("POSTGRES_USER") or env.get("COLORIZE_DB_PASSWORD") != pg.get("POSTGRES_PASSWORD"):
        fail(name, "database credentials differ from the postgres service's")
    if env.get("COLORIZE_S3_ACCESS_KEY") != mn.get("MINIO_ROOT_USER") or env.get("COLORIZE_S3_SECRET_KEY") != mn.get("MINIO_ROOT_PASSWORD"):
        fail(name, "S3 credentials differ from the minio service's")
    if name.startswith("gpu-worker"):
        if "container_name" in s:
            fail(name, "container_name set: the worker could not be scaled")
        if s.get("ports"):
            fail(name, "publishes host ports: --scale would clash")
for name, device in (("gpu-worker", "cpu"), ("gpu-worker-gpu", "gpu")):
    if env_of(svcs.get(name, {})).get("COLORIZE_WORKER_MODEL_DEVICE") != device:
        fail(name, f"COLORIZE_WORKER_MODEL_DEVICE should be {device}")
g = svcs.get("gpu-worker-gpu", {})
if "gpu" not in (g.get("profiles") or []):
    fail("gpu-worker-gpu", "not under the 'gpu' profile")
if str((g.get("build", {}).get("args") or {}).get("VARIANT")) != "gpu":
    fail("gpu-worker-gpu", "build arg VARIANT is not gpu (the -Pgpu build with CUDA libtorch)")
if (svcs.get("gpu-worker", {}).get("build", {}).get("args") or {}).get("VARIANT", "cpu") != "cpu":
    fail("gpu-worker", "build arg VARIANT should be cpu (or unset)")
devices = (((g.get("deploy") or {}).get("resources") or {}).get("reservations") or {}).get("devices") or []
if not any(d.get("driver") == "nvidia" and "gpu" in (d.get("capabilities") or []) and (d.get("count") or d.get("device_ids")) for d in devices):
    fail("gpu-worker-gpu", "no deploy.resources.reservations.devices entry {driver: nvidia, count, capabilities: [gpu]}")
if "profiles" in svcs.get("gpu-worker", {}):
    fail("gpu-worker", "the CPU worker must run without a profile")
for p in problems:
    print(f"FAIL docker-compose.yml: {p}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"validate-deployments: docker-compose.yml: structure ok ({len(svcs)} services, volumes: {', '.join(sorted(declared_vols))})")
PY

# --- 2. Dockerfiles -----------------------------------------------------------------------------------
for module in ingest-service gpu-worker trainer; do
  df="$module/src/main/docker/Dockerfile.jvm"
  [ -f "$df" ] || fail "$df missing"
  need() { grep -Eq -- "$1" "$df" || fail "$df: $2"; }
  need '^ARG MAVEN_IMAGE=maven:3\.9-eclipse-temurin-17$' "build stage is not maven:3.9-eclipse-temurin-17"
  need '^ARG RUNTIME_IMAGE=eclipse-temurin:17-jre$' "runtime is not eclipse-temurin:17-jre"
  need "mvn -B -pl $module -am package -DskipTests" "does not build its module with -pl $module -am package -DskipTests"
  for part in lib/ '\*\.jar' app/ quarkus/; do
    need "COPY --from=build /build/$module/target/quarkus-app/$part" "does not copy quarkus-app/$part"
  done
  need '^USER 10001' "does not run as the non-root uid 10001"
  need 'QUARKUS_HTTP_PORT=8080' "does not pin the HTTP port to 8080"
  need '^EXPOSE 8080$' "does not expose 8080"
  need 'java \$\{JAVA_OPTS\}.*-jar /deployments/quarkus-run.jar' "does not run quarkus-run.jar with JAVA_OPTS"
  if [ "$module" != ingest-service ]; then
    need '-Dai\.djl\.offline=true' "does not set ai.djl.offline=true"
  fi
done
wdf=gpu-worker/src/main/docker/Dockerfile.jvm
grep -q '^ARG VARIANT=cpu$' "$wdf" || fail "$wdf: no build arg VARIANT (default cpu)"
grep -q 'gpu) profile="-Pgpu"' "$wdf" || fail "$wdf: VARIANT=gpu does not build with -Pgpu"
grep -q '^FROM libtorch-\${VARIANT} AS libtorch$' "$wdf" || fail "$wdf: no libtorch stage chosen by VARIANT"
pom_torch="$(sed -n 's:.*<pytorch.version>\(.*\)</pytorch.version>.*:\1:p' pom.xml | head -1)"
df_torch="$(sed -n 's/^ARG LIBTORCH_VERSION=//p' "$wdf")"
[ -n "$pom_torch" ] && [ "$pom_torch" = "$df_torch" ] \
  || fail "$wdf: LIBTORCH_VERSION=$df_torch differs from <pytorch.version>$pom_torch</pytorch.version> in pom.xml (DJL's JNI needs the same PyTorch)"
for pattern in '.git/' 'target/' '.colorize-data/'; do
  grep -qxF "$pattern" .dockerignore || fail ".dockerignore does not exclude $pattern"
done
step "Dockerfiles: conventions ok (ingest-service, gpu-worker, trainer; .dockerignore)"

# --- 3. Kubernetes (Kustomize) ------------------------------------------------------------------------
render() { # dir out
  kubectl kustomize "$1" > "$2" 2> "$WORK/kustomize.err" || { cat "$WORK/kustomize.err" >&2; fail "kubectl kustomize $1"; }
}
render deploy/k8s/base "$WORK/base.yaml"
"$PYTHON" deploy/k8s/check_manifests.py "$WORK/base.yaml" --name deploy/k8s/base --worker gpu --secret absent \
  || fail "deploy/k8s/base (lines above)"
render deploy/k8s/overlays/production "$WORK/production.yaml"
"$PYTHON" deploy/k8s/check_manifests.py "$WORK/production.yaml" --name deploy/k8s/overlays/production \
  --worker gpu --namespace colorize --secret forbidden-placeholders || fail "deploy/k8s/overlays/production (lines above)"
render deploy/k8s/overlays/local "$WORK/local.yaml"
"$PYTHON" deploy/k8s/check_manifests.py "$WORK/local.yaml" --name deploy/k8s/overlays/local \
  --worker cpu --namespace colorize --secret example || fail "deploy/k8s/overlays/local (lines above)"
step "all deployment checks passed (compose schema + structure, Dockerfile conventions, kustomize builds + structure; no image was built, nothing was run)"
