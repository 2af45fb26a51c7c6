#!/usr/bin/python3
"""Offline checks of the rendered testnet/k8s manifests (YAML on stdin, as `kubectl kustomize` writes it).

1. Schema: every object against the Kubernetes API types, field by field, as the models of the Python
   client (Debian's python3-kubernetes, generated from the API's OpenAPI spec) describe them: no unknown
   field, each value of its declared type, no required field missing. Needs no cluster, unlike kubectl's
   own --validate, which downloads the spec from the API server.
2. The testnet's own rules: the Service is headless and publishes not-ready pods, the StatefulSet's pods
   use its DNS name as their seed and the image's ports, the readiness probe asks the open /health.
Prints one line per object and exits 1 on the first list of problems.
"""
import re
import sys

import kubernetes.client as k8s
import yaml

KINDS = {"Namespace": "V1Namespace", "Service": "V1Service", "StatefulSet": "V1StatefulSet", "Secret": "V1Secret"}
PRIMITIVES = {"str": str, "int": int, "bool": bool, "float": (int, float)}


def check(value, type_name, path, problems):
    """Checks value against a model type name of the client ('V1PodSpec', 'list[V1Container]', 'str', ...)."""
    if value is None:
        return
    m = re.fullmatch(r"list\[(.+)\]", type_name)
    if m:
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        for i, item in enumerate(value):
            check(item, m.group(1), f"{path}[{i}]", problems)
        return
    m = re.fullmatch(r"dict\(str, (.+)\)", type_name)
    if m:
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a map, got {type(value).__name__}")
            return
        for key, item in value.items():
            check(item, m.group(1), f"{path}.{key}", problems)
        return
    if type_name == "object":
        return  # IntOrString and other free-form values
    if type_name in PRIMITIVES:
        if not isinstance(value, PRIMITIVES[type_name]) or (type_name == "int" and isinstance(value, bool)):
            problems.append(f"{path}: expected {type_name}, got {type(value).__name__} {value!r}")
        return
    model = getattr(k8s, type_name)
    if not isinstance(value, dict):
        problems.append(f"{path}: expected a {type_name} object, got {type(value).__name__}")
        return
    fields = {json_name: attr for attr, json_name in model.attribute_map.items()}
    for key, item in value.items():
        if key not in fields:
            problems.append(f"{path}.{key}: no such field in {type_name}")
        else:
            check(item, model.openapi_types[fields[key]], f"{path}.{key}", problems)
    for attr, json_name in model.attribute_map.items():
        # The generated constructors refuse None for required fields: ask each one.
        if value.get(json_name) is None and required(model, attr):
            problems.append(f"{path}.{json_name}: required in {type_name}")


def required(model, attr):
    instance = model.__new__(model)
    instance.local_vars_configuration = k8s.Configuration()
    try:
        setattr(instance, attr, None)
        return False
    except ValueError:
        return True


def testnet_rules(objects, problems):
    by_kind = {o["kind"]: o for o in objects}
    svc, sts = by_kind.get("Service"), by_kind.get("StatefulSet")
    if svc is None or sts is None:
        problems.append("need one Service and one StatefulSet")
        return
    if svc["spec"].get("clusterIP") != "None":
        problems.append("Service: must be headless (clusterIP: None) so its DNS name answers every pod")
    if svc["spec"].get("publishNotReadyAddresses") is not True:
        problems.append("Service: publishNotReadyAddresses must be true (peers before readiness)")
    if sts["spec"].get("serviceName") != svc["metadata"]["name"]:
        problems.append("StatefulSet: serviceName must be the headless Service")
    if svc["spec"].get("selector") != sts["spec"]["template"]["metadata"].get("labels"):
        problems.append("Service: selector must match the StatefulSet's pod labels")
    node = sts["spec"]["template"]["spec"]["containers"][0]
    args = node.get("args", [])
    seed = f'{svc["metadata"]["name"]}.{svc["metadata"]["namespace"]}.svc.cluster.local'
    if "--dns-seed" not in args or args[args.index("--dns-seed") + 1] != seed:
        problems.append(f"StatefulSet: the node needs --dns-seed {seed}")
    if node.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/health":
        problems.append("StatefulSet: the readiness probe asks /health (open without the token)")
    if not sts["spec"].get("volumeClaimTemplates"):
        problems.append("StatefulSet: each pod needs a volume of its own for its data dir")
    if not node.get("resources", {}).get("requests"):
        problems.append("StatefulSet: resource requests missing")


def main():
    objects = [o for o in yaml.safe_load_all(sys.stdin) if o]
    problems = []
    for o in objects:
        kind = o.get("kind")
        if kind not in KINDS:
            problems.append(f"{kind}: not a kind this check knows")
            continue
        before = len(problems)
        check(o, KINDS[kind], kind, problems)
        print(f"{kind}/{o['metadata'].get('name')}: {'ok' if len(problems) == before else 'problems'}")
    testnet_rules(objects, problems)
    for p in problems:
        print("  " + p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
