#!/usr/bin/env python3
"""Structural checks of rendered Kubernetes manifests (the output of `kubectl kustomize`).

Offline and cluster-less: this does not ask an API server or validate against OpenAPI schemas. It
checks what the deployment depends on and a schema would not catch: probes on the Quarkus health
endpoints, resources, security contexts, the worker's GPU request and toleration, Services and PDBs
selecting a Deployment's pods on a declared port, ConfigMap/Secret references, the shared COLORIZE_*
variables, and the KEDA ScaledObject pointing at the worker Deployment with the worker's own topic and
consumer group (gpu-worker's WorkerConfig defaults, or its application.properties where it sets them).

usage: check_manifests.py RENDERED.yaml --name NAME --worker gpu|cpu [--namespace NS]
                          [--secret absent|example|forbidden-placeholders] [--repo DIR]
Exit status 0 when every check passes, 1 with one line per problem otherwise.
"""
import argparse
import os
import re
import sys

import yaml

SHARED_VARS = [
    "COLORIZE_KAFKA_BOOTSTRAP", "COLORIZE_DB_URL", "COLORIZE_DB_USER", "COLORIZE_DB_PASSWORD",
    "COLORIZE_S3_ENDPOINT", "COLORIZE_S3_ACCESS_KEY", "COLORIZE_S3_SECRET_KEY", "COLORIZE_S3_REGION",
]
SERVICES = ["ingest-service", "gpu-worker", "trainer"]
WORKER = "gpu-worker"
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
                  "PriorityClass", "StorageClass"}


def quantity(value, kind):
    """CPU in millicores or memory in bytes, from a Kubernetes quantity."""
    s = str(value)
    if kind == "cpu":
        return float(s[:-1]) if s.endswith("m") else float(s) * 1000
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}
    m = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", s)
    if not m or (m.group(2) and m.group(2) not in units):
        raise ValueError(f"bad memory quantity {s!r}")
    return float(m.group(1)) * units.get(m.group(2), 1)


def read_properties(path):
    props = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith(("#", "!")) or "=" not in line:
                continue
            k, v = line.split("=", 1)
            props[k.strip()] = v.strip()
    return props


def worker_jobs_setting(repo, name):
    """The worker's jobs.<name>: application.properties if it sets it, else WorkerConfig's @WithDefault."""
    props = read_properties(os.path.join(repo, "gpu-worker/src/main/resources/application.properties"))
    if f"colorize.worker.jobs.{name}" in props:
        return props[f"colorize.worker.jobs.{name}"]
    java = os.path.join(repo, "gpu-worker/src/main/java/dev/colorize/worker/config/WorkerConfig.java")
    with open(java, encoding="utf-8") as f:
        source = f.read()
    m = re.search(r"@WithDefault\(([^)]*)\)\s*String\s+" + re.escape(name) + r"\(\)", source)
    if not m:
        raise ValueError(f"no default for jobs.{name} in {java}")
    value = m.group(1).strip()
    if value.startswith('"'):
        return value.strip('"')
    constant = value.split(".")[-1]
    topics = os.path.join(repo, "common/platform/src/main/java/dev/colorize/platform/messaging/Topics.java")
    with open(topics, encoding="utf-8") as f:
        c = re.search(r"\b" + re.escape(constant) + r'\s*=\s*"([^"]+)"', f.read())
    if not c:
        raise ValueError(f"cannot resolve {value} in {topics}")
    return c.group(1)


class Checker:
    def __init__(self, args):
        self.args = args
        self.problems = []
        with open(args.rendered, encoding="utf-8") as f:
            self.docs = [d for d in yaml.safe_load_all(f) if d]
        self.by_kind = {}
        for d in self.docs:
            self.by_kind.setdefault(d.get("kind"), []).append(d)

    def fail(self, where, msg):
        self.problems.append(f"{self.args.name}: {where}: {msg}")

    def objects(self, kind):
        return self.by_kind.get(kind, [])

    def named(self, kind, name):
        return next((o for o in self.objects(kind) if o["metadata"]["name"] == name), None)

    # --- whole set -----------------------------------------------------------------------------
    def check_identity(self):
        seen = set()
        for d in self.docs:
            where = f"{d.get('kind')}/{d.get('metadata', {}).get('name')}"
            if not d.get("apiVersion") or not d.get("kind") or not d.get("metadata", {}).get("name"):
                self.fail(where, "object without apiVersion, kind or metadata.name")
                continue
            key = (d["kind"], d["metadata"].get("namespace"), d["metadata"]["name"])
            if key in seen:
                self.fail(where, "defined twice")
            seen.add(key)
            if self.args.namespace:
                ns = d["metadata"].get("namespace")
                if d["kind"] in CLUSTER_SCOPED:
                    continue
                if ns != self.args.namespace:
                    self.fail(where, f"namespace {ns!r}, expected {self.args.namespace!r}")
            elif d["metadata"].get("namespace"):
                self.fail(where, "the base must stay namespace-less")
        if self.args.namespace and not self.named("Namespace", self.args.namespace):
            self.fail("Namespace", f"no Namespace {self.args.namespace!r} in the set")

    def config_values(self):
        values = {}
        for cm in self.objects("ConfigMap"):
            values.update(cm.get("data") or {})
        return values

    # --- Deployments -----------------------------------------------------------------------------
    def check_deployments(self):
        for name in SERVICES:
            dep = self.named("Deployment", name)
            if not dep:
                self.fail(f"Deployment/{name}", "missing")
                continue
            self.check_deployment(dep)

    def check_deployment(self, dep):
        name = dep["metadata"]["name"]
        where = f"Deployment/{name}"
        spec = dep.get("spec", {})
        tmpl = spec.get("template", {})
        labels = tmpl.get("metadata", {}).get("labels", {})
        selector = spec.get("selector", {}).get("matchLabels", {})
        if not selector:
            self.fail(where, "no selector.matchLabels")
        for k, v in selector.items():
            if labels.get(k) != v:
                self.fail(where, f"selector {k}={v} does not match the pod template labels")
        pod = tmpl.get("spec", {})
        psc = pod.get("securityContext", {})
        if psc.get("runAsNonRoot") is not True:
            self.fail(where, "pod securityContext.runAsNonRoot is not true")
        if not isinstance(psc.get("runAsUser"), int) or psc.get("runAsUser") == 0:
            self.fail(where, "pod securityContext.runAsUser must be a non-zero uid (the images run as 10001)")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        containers = pod.get("containers", [])
        if not containers:
            self.fail(where, "no containers")
        config = self.config_values()
        cm_names = {c["metadata"]["name"] for c in self.objects("ConfigMap")}
        secrets = {s["metadata"]["name"]: s for s in self.objects("Secret")}
        for c in containers:
            cw = f"{where} container {c.get('name')}"
            image = c.get("image", "")
            last = image.rsplit("/", 1)[-1]
            if ":" not in last and "@" not in image:
                self.fail(cw, f"image {image!r} has no tag")
            elif last.endswith(":latest"):
                self.fail(cw, f"image {image!r} uses :latest")
            ports = c.get("ports", [])
            port_names = {p.get("name") for p in ports}
            port_numbers = {p.get("containerPort") for p in ports}
            if 8080 not in port_numbers:
                self.fail(cw, "does not declare containerPort 8080 (Quarkus HTTP in the images)")
            for probe, path in (("readinessProbe", "/q/health/ready"), ("livenessProbe", "/q/health/live"),
                                ("startupProbe", None)):
                p = c.get(probe)
                if not p:
                    self.fail(cw, f"no {probe}")
                    continue
                get = p.get("httpGet")
                if not get:
                    self.fail(cw, f"{probe} is not an httpGet")
                    continue
                if path and get.get("path") != path:
                    self.fail(cw, f"{probe} path {get.get('path')!r}, expected {path}")
                if get.get("path") not in ("/q/health/ready", "/q/health/live", "/q/health/started"):
                    self.fail(cw, f"{probe} path {get.get('path')!r} is not a Quarkus health endpoint")
                port = get.get("port")
                if port not in port_names and port not in port_numbers:
                    self.fail(cw, f"{probe} port {port!r} is not a declared container port")
            res = c.get("resources", {})
            for section in ("requests", "limits"):
                for r in ("cpu", "memory"):
                    if r not in res.get(section, {}):
                        self.fail(cw, f"no resources.{section}.{r}")
            for r in ("cpu", "memory"):
                try:
                    req, lim = res.get("requests", {}).get(r), res.get("limits", {}).get(r)
                    if req is not None and lim is not None and quantity(req, r) > quantity(lim, r):
                        self.fail(cw, f"{r} request {req} exceeds its limit {lim}")
                except ValueError as e:
                    self.fail(cw, str(e))
            csc = c.get("securityContext", {})
            if csc.get("allowPrivilegeEscalation") is not False:
                self.fail(cw, "securityContext.allowPrivilegeEscalation is not false")
            if "ALL" not in (csc.get("capabilities", {}).get("drop") or []):
                self.fail(cw, "securityContext.capabilities.drop lacks ALL")
            if csc.get("privileged"):
                self.fail(cw, "privileged")
            mounts = {m["mountPath"]: m for m in c.get("volumeMounts", [])}
            for m in mounts.values():
                if m["name"] not in volumes:
                    self.fail(cw, f"volumeMount {m['name']!r} has no volume")
            if csc.get("readOnlyRootFilesystem") is not True:
                self.fail(cw, "securityContext.readOnlyRootFilesystem is not true")
            tmp = mounts.get("/tmp")
            if not tmp or "emptyDir" not in volumes.get(tmp["name"], {}):
                self.fail(cw, "read-only root filesystem but no emptyDir mounted at /tmp")
            # Every stable variable, from env or from the ConfigMap.
            env = {e["name"]: e for e in c.get("env", [])}
            from_cm = set()
            for ef in c.get("envFrom", []):
                ref = ef.get("configMapRef", {}).get("name")
                if ref is not None:
                    if ref not in cm_names:
                        self.fail(cw, f"envFrom ConfigMap {ref!r} is not in the set")
                    else:
                        cm = self.named("ConfigMap", ref)
                        from_cm |= set((cm.get("data") or {}).keys())
                if "secretRef" in ef:
                    self.check_secret_ref(cw, ef["secretRef"].get("name"), None, ef["secretRef"].get("optional"), secrets)
            for var in SHARED_VARS:
                if var not in env and var not in from_cm:
                    self.fail(cw, f"does not get {var}")
            for e in env.values():
                ref = (e.get("valueFrom") or {}).get("secretKeyRef")
                if ref:
                    self.check_secret_ref(cw, ref.get("name"), ref.get("key"), ref.get("optional"), secrets)
                cref = (e.get("valueFrom") or {}).get("configMapKeyRef")
                if cref and cref.get("name") not in cm_names:
                    self.fail(cw, f"env {e['name']} refers to ConfigMap {cref.get('name')!r}, not in the set")
            for secret_var in ("COLORIZE_DB_PASSWORD", "COLORIZE_S3_SECRET_KEY"):
                if secret_var in env and "value" in env[secret_var]:
                    self.fail(cw, f"{secret_var} given as a plain value; take it from a Secret")
                if secret_var in from_cm:
                    self.fail(cw, f"{secret_var} comes from a ConfigMap; take it from a Secret")
            if name in (WORKER, "trainer"):
                if "DJL_CACHE_DIR" in env and not str(env["DJL_CACHE_DIR"].get("value", "")).startswith(
                        tuple(mounts.keys())):
                    self.fail(cw, "DJL_CACHE_DIR is not on a mounted (writable) volume")
            if name == "trainer":
                work = env.get("COLORIZE_TRAINER_WORK_DIR", {}).get("value")
                if work and not any(work == p or work.startswith(p.rstrip("/") + "/") for p in mounts):
                    self.fail(cw, f"COLORIZE_TRAINER_WORK_DIR {work} is not on a mounted volume")
            if name == WORKER:
                self.check_worker(dep, c, env, config)

    def check_secret_ref(self, where, name, key, optional, secrets):
        if name in secrets:
            data = dict(secrets[name].get("stringData") or {})
            data.update(secrets[name].get("data") or {})
            if key and key not in data and not optional:
                self.fail(where, f"Secret {name!r} has no key {key!r}")
        elif self.args.secret == "example":
            self.fail(where, f"refers to Secret {name!r}, which this set should contain")
        # absent / forbidden-placeholders: the Secret is created outside the manifests.

    def check_worker(self, dep, c, env, config):
        where = f"Deployment/{WORKER}"
        res = c.get("resources", {})
        gpu_limit = res.get("limits", {}).get("nvidia.com/gpu")
        gpu_request = res.get("requests", {}).get("nvidia.com/gpu")
        tolerations = dep["spec"]["template"]["spec"].get("tolerations", [])
        tolerates_gpu = any(t.get("key") == "nvidia.com/gpu" for t in tolerations)
        device = env.get("COLORIZE_WORKER_MODEL_DEVICE", {}).get("value")
        if self.args.worker == "gpu":
            if str(gpu_limit) != "1":
                self.fail(where, f"limits nvidia.com/gpu is {gpu_limit!r}, expected 1")
            if gpu_request is not None and str(gpu_request) != str(gpu_limit):
                self.fail(where, "nvidia.com/gpu request differs from its limit")
            if not tolerates_gpu:
                self.fail(where, "no toleration for nvidia.com/gpu")
            if device not in ("gpu", "auto"):
                self.fail(where, f"COLORIZE_WORKER_MODEL_DEVICE is {device!r} on a GPU worker")
        else:
            if gpu_limit is not None or gpu_request is not None:
                self.fail(where, "CPU variant still requests nvidia.com/gpu")
            if device != "cpu":
                self.fail(where, f"COLORIZE_WORKER_MODEL_DEVICE is {device!r}, expected cpu")
        if self.objects("ScaledObject") and "replicas" in dep["spec"]:
            self.fail(where, "sets spec.replicas while a ScaledObject owns the replica count "
                             "(every apply would reset KEDA's choice)")

    # --- Services, PDBs, ScaledObject ------------------------------------------------------------
    def pods_selected(self, selector):
        hits = []
        for dep in self.objects("Deployment"):
            labels = dep["spec"]["template"]["metadata"].get("labels", {})
            if selector and all(labels.get(k) == v for k, v in selector.items()):
                hits.append(dep)
        return hits

    def check_services(self):
        for name in SERVICES:
            if not self.named("Service", name):
                self.fail(f"Service/{name}", "missing")
        for svc in self.objects("Service"):
            where = f"Service/{svc['metadata']['name']}"
            deps = self.pods_selected(svc["spec"].get("selector", {}))
            if len(deps) != 1:
                self.fail(where, f"selector matches {len(deps)} Deployments, expected 1")
                continue
            containers = deps[0]["spec"]["template"]["spec"]["containers"]
            names = {p.get("name") for c in containers for p in c.get("ports", [])}
            numbers = {p.get("containerPort") for c in containers for p in c.get("ports", [])}
            for p in svc["spec"].get("ports", []):
                target = p.get("targetPort", p.get("port"))
                if target not in names and target not in numbers:
                    self.fail(where, f"targetPort {target!r} is not a port of Deployment/{deps[0]['metadata']['name']}")
        for pdb in self.objects("PodDisruptionBudget"):
            if len(self.pods_selected(pdb["spec"].get("selector", {}).get("matchLabels", {}))) != 1:
                self.fail(f"PodDisruptionBudget/{pdb['metadata']['name']}", "selector does not match exactly one Deployment")

    def check_scaled_object(self):
        objs = self.objects("ScaledObject")
        if len(objs) != 1:
            self.fail("ScaledObject", f"{len(objs)} ScaledObjects, expected 1 (for {WORKER})")
            return
        so = objs[0]
        where = f"ScaledObject/{so['metadata']['name']}"
        if so.get("apiVersion") != "keda.sh/v1alpha1":
            self.fail(where, f"apiVersion {so.get('apiVersion')!r}, expected keda.sh/v1alpha1")
        spec = so.get("spec", {})
        ref = spec.get("scaleTargetRef", {})
        if ref.get("name") != WORKER or not self.named("Deployment", ref.get("name")):
            self.fail(where, f"scaleTargetRef.name {ref.get('name')!r} is not the worker Deployment")
        if ref.get("kind", "Deployment") != "Deployment":
            self.fail(where, f"scaleTargetRef.kind {ref.get('kind')!r}")
        lo, hi = spec.get("minReplicaCount"), spec.get("maxReplicaCount")
        if not isinstance(lo, int) or not isinstance(hi, int) or not 1 <= lo <= hi:
            self.fail(where, f"minReplicaCount {lo!r} / maxReplicaCount {hi!r}: want 1 <= min <= max")
        kafka = [t for t in spec.get("triggers", []) if t.get("type") == "kafka"]
        if len(kafka) != 1:
            self.fail(where, "expected one kafka trigger")
            return
        md = kafka[0].get("metadata", {})
        want_topic = worker_jobs_setting(self.args.repo, "topic")
        want_group = worker_jobs_setting(self.args.repo, "group")
        if md.get("topic") != want_topic:
            self.fail(where, f"topic {md.get('topic')!r}, the worker consumes {want_topic!r}")
        if md.get("consumerGroup") != want_group:
            self.fail(where, f"consumerGroup {md.get('consumerGroup')!r}, the worker's group is {want_group!r}")
        bootstrap = self.config_values().get("COLORIZE_KAFKA_BOOTSTRAP")
        if md.get("bootstrapServers") != bootstrap:
            self.fail(where, f"bootstrapServers {md.get('bootstrapServers')!r} differs from the ConfigMap's "
                             f"COLORIZE_KAFKA_BOOTSTRAP {bootstrap!r}")
        try:
            if int(md.get("lagThreshold")) < 1:
                raise ValueError
        except (TypeError, ValueError):
            self.fail(where, f"lagThreshold {md.get('lagThreshold')!r} is not a positive integer")

    def check_secrets(self):
        secrets = self.objects("Secret")
        mode = self.args.secret
        if mode == "absent" and secrets:
            self.fail("Secret", "the base must not carry credentials (re-applying would overwrite real ones)")
        if mode == "example" and not secrets:
            self.fail("Secret", "the example credentials Secret is missing")
        for s in secrets:
            values = list((s.get("stringData") or {}).values())
            placeholder = any("CHANGE-ME" in str(v) for v in values)
            if mode == "forbidden-placeholders" and placeholder:
                self.fail(f"Secret/{s['metadata']['name']}", "placeholder (CHANGE-ME) credentials in this set")
            if placeholder and "example" not in str(s["metadata"].get("annotations", {})):
                self.fail(f"Secret/{s['metadata']['name']}", "placeholder values without the example annotation")

    def run(self):
        self.check_identity()
        self.check_deployments()
        self.check_services()
        self.check_scaled_object()
        self.check_secrets()
        return self.problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rendered")
    ap.add_argument("--name", required=True)
    ap.add_argument("--worker", choices=["gpu", "cpu"], required=True)
    ap.add_argument("--namespace")
    ap.add_argument("--secret", choices=["absent", "example", "forbidden-placeholders"], default="absent")
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    args = ap.parse_args()
    checker = Checker(args)
    problems = checker.run()
    for p in problems:
        print(f"FAIL {p}", file=sys.stderr)
    kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(checker.by_kind.items()))
    if problems:
        print(f"{args.name}: {len(problems)} problem(s) in {len(checker.docs)} objects", file=sys.stderr)
        return 1
    print(f"{args.name}: ok ({kinds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
