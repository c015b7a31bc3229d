"""The shipped ``deploy/kubernetes/`` manifests: valid for a current Kubernetes (``kubernetes-validate
--strict``), consistent with each other and with the image, with placeholders that cannot run by
mistake, and a configuration that really serves — plus the menu reloader following a ConfigMap
volume's ``..data`` symlink swap exactly as the kubelet performs it."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from app.cli.main import build_parser
from app.core.menu import MenuCatalog, load_menu
from app.errors import ConfigError
from app.runtime.context import keyring
from app.runtime.menu_reload import MenuReloader
from app.settings import Settings, bundled_menu_dir
from tests.conftest import DEMO, TEST_KEYS, UUID_MENU_FILE
from tests.fleet import REPO
from tests.servers import ServerProcess

KUBE = REPO / "deploy" / "kubernetes"
KUBERNETES_VERSION = "1.37.0"  # the newest release kubernetes-validate 1.37 carries schemas for
SETTINGS_SOURCE = (REPO / "app" / "settings.py").read_text()
KNOWN_VARIABLES = set(re.findall(r"\"((?:CART|OPENAI)_[A-Z_]+)\"", SETTINGS_SOURCE))  # what from_env reads
UVICORN_VARIABLES = {"FORWARDED_ALLOW_IPS"}  # read by uvicorn itself (uvicorn.config.Config)


def manifests() -> dict[str, dict[str, Any]]:
    """Every resource listed in kustomization.yaml, by kind."""
    listed = yaml.safe_load((KUBE / "kustomization.yaml").read_text())["resources"]
    docs = [yaml.safe_load((KUBE / name).read_text()) for name in listed]
    return {doc["kind"]: doc for doc in docs}


def pod_spec() -> dict[str, Any]:
    return manifests()["Deployment"]["spec"]["template"]["spec"]


def container() -> dict[str, Any]:
    (only,) = pod_spec()["containers"]
    return only


def kubernetes_validate(*files: Path) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("kubernetes_validate") is None:
        pytest.fail("kubernetes-validate is not installed (pip install -e '.[test]')")
    argv = [sys.executable, "-m", "kubernetes_validate", "--strict", "--kubernetes-version", KUBERNETES_VERSION]
    return subprocess.run([*argv, *map(str, files)], capture_output=True, text=True)


def test_kustomization_lists_every_manifest() -> None:
    listed = yaml.safe_load((KUBE / "kustomization.yaml").read_text())["resources"]
    on_disk = sorted(p.name for p in KUBE.glob("*.yaml") if p.name != "kustomization.yaml")
    assert sorted(listed) == on_disk
    assert set(manifests()) == {
        "Deployment",
        "Service",
        "Secret",
        "ConfigMap",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
    }


def test_every_manifest_is_valid_for_a_current_kubernetes() -> None:
    files = sorted(p for p in KUBE.glob("*.yaml") if p.name != "kustomization.yaml")
    result = kubernetes_validate(*files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(f"against version {KUBERNETES_VERSION.rsplit('.', 1)[0]}") == len(files)


def test_the_validator_catches_a_misspelled_field(tmp_path: Path) -> None:
    broken = tmp_path / "deployment.yaml"
    broken.write_text((KUBE / "deployment.yaml").read_text().replace("readinessProbe:", "readynessProbe:"))
    result = kubernetes_validate(broken)
    assert result.returncode != 0 and "readynessProbe" in result.stdout + result.stderr


def test_probes_drain_and_security() -> None:
    spec, box = pod_spec(), container()
    port = box["ports"][0]
    assert (box["readinessProbe"]["httpGet"], box["livenessProbe"]["httpGet"]) == (
        {"path": "/readyz", "port": port["name"]},
        {"path": "/healthz", "port": port["name"]},
    )
    # the pause lets endpoints drop the pod; the rest of the grace period covers a checkout that is
    # waiting for the order webhook's whole delivery deadline
    pause = box["lifecycle"]["preStop"]["sleep"]["seconds"]
    env = {e["name"]: e.get("value") for e in box["env"]}
    deadline = int(env.get("CART_ORDER_WEBHOOK_DEADLINE_SECONDS") or Settings().order_webhook_deadline_seconds)
    assert spec["terminationGracePeriodSeconds"] >= pause + deadline + 5
    assert set(box["resources"]["requests"]) == {"cpu", "memory"}  # the HPA's utilisation needs the cpu request
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert box["securityContext"]["allowPrivilegeEscalation"] is False
    assert box["securityContext"]["readOnlyRootFilesystem"] is True
    mounts = {m["mountPath"]: m for m in box["volumeMounts"]}
    assert "subPath" not in mounts[env["CART_MENU_DIR"]]  # a subPath mount never sees ConfigMap updates
    assert env["CART_DATA_DIR"] in mounts  # the root filesystem is read-only


def test_the_container_runs_voicecart_serve_on_its_port_for_the_cluster() -> None:
    box = container()
    args = build_parser().parse_args(box["args"])
    assert (args.command, args.host, args.port) == ("serve", "0.0.0.0", box["ports"][0]["containerPort"])
    dockerfile = (REPO / "Dockerfile").read_text()
    user = re.search(r"^USER (\d+):(\d+)$", dockerfile, re.M)
    assert user is not None
    assert (pod_spec()["securityContext"]["runAsUser"], pod_spec()["securityContext"]["runAsGroup"]) == (
        int(user[1]),
        int(user[2]),
    )
    version = re.search(r'^version = "(.+)"$', (REPO / "pyproject.toml").read_text(), re.M)
    assert version is not None and box["image"].endswith(f":{version[1]}")


def test_every_variable_is_one_the_settings_read() -> None:
    names = {e["name"] for e in container()["env"]}
    assert names <= KNOWN_VARIABLES | UVICORN_VARIABLES, names - KNOWN_VARIABLES - UVICORN_VARIABLES
    secret = manifests()["Secret"]["stringData"]
    refs = [e["valueFrom"]["secretKeyRef"] for e in container()["env"] if "valueFrom" in e]
    assert {r["key"] for r in refs} == set(secret) and {r["name"] for r in refs} == {
        manifests()["Secret"]["metadata"]["name"]
    }


def test_selectors_and_targets_agree() -> None:
    kinds = manifests()
    deployment = kinds["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"] == labels
    assert kinds["Service"]["spec"]["selector"] == labels
    assert kinds["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == labels
    target = kinds["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert kinds["HorizontalPodAutoscaler"]["spec"]["minReplicas"] >= 2  # the PDB can then evict one
    assert kinds["Service"]["spec"]["ports"][0]["targetPort"] == container()["ports"][0]["name"]
    volumes = {v["name"]: v for v in pod_spec()["volumes"]}
    assert volumes["menus"]["configMap"]["name"] == kinds["ConfigMap"]["metadata"]["name"]


def test_the_secret_placeholders_refuse_to_start() -> None:
    """Applying secret.yaml unedited must crash-loop with a clear message, not sign with a published key."""
    secret = manifests()["Secret"]["stringData"]
    env = {e["name"]: e["value"] for e in container()["env"] if "value" in e}
    with pytest.raises(ConfigError, match="CART_ORDER_WEBHOOK_SECRET"):
        Settings.from_env({**env, **secret})  # every setting is checked when Settings is built
    no_webhook = {k: v for k, v in {**env, **secret}.items() if not k.startswith("CART_ORDER_WEBHOOK")}
    with pytest.raises(ConfigError, match="at least 32"):
        keyring(Settings.from_env(no_webhook))


def test_the_menu_configmap_holds_valid_menus(tmp_path: Path) -> None:
    data = manifests()["ConfigMap"]["data"]
    assert data and all(name.endswith(".json") for name in data)
    for name, text in data.items():
        (tmp_path / name).write_text(text)
    catalog = MenuCatalog.from_dir(tmp_path)
    assert catalog.restaurant_ids() == [DEMO]
    assert json.loads(data["demo-burger.json"]) == json.loads((bundled_menu_dir() / "demo-burger.json").read_text())


# --- the kubelet's ConfigMap volume: timestamped dir, ..data symlink, per-file symlinks -----------------


def kubelet_publish(volume: Path, files: Mapping[str, str], midway: Callable[[], object] = lambda: None) -> None:
    """Update ``volume`` the way the kubelet's AtomicWriter does: write a fresh timestamped directory,
    swap ``..data`` to it with one rename, add the new per-file symlinks, remove the stale ones
    (``midway`` runs between the swap and that clean-up, when a removed file's link dangles), and
    delete the old directory."""
    fresh = volume / f"..{time.strftime('%Y_%m_%d_%H_%M_%S')}.{time.monotonic_ns()}"
    fresh.mkdir()
    for name, text in files.items():
        (fresh / name).write_text(text)
    data = volume / "..data"
    old = data.resolve() if data.is_symlink() else None
    (volume / "..data_tmp").symlink_to(fresh.name)
    os.rename(volume / "..data_tmp", data)
    for name in files:
        if not (volume / name).is_symlink():
            (volume / name).symlink_to(f"..data/{name}")
    midway()
    for entry in volume.iterdir():
        if not entry.name.startswith("..") and entry.name not in files:
            entry.unlink()
    if old is not None:
        shutil.rmtree(old)


def test_the_reloader_follows_a_configmap_update(tmp_path: Path) -> None:
    demo = (bundled_menu_dir() / "demo-burger.json").read_text()
    taqueria = UUID_MENU_FILE.read_text()
    volume = tmp_path / "menus"
    volume.mkdir()
    kubelet_publish(volume, {"demo-burger.json": demo})
    catalog = MenuCatalog.from_dir(volume)
    reloader = MenuReloader(catalog, volume, 0)
    assert reloader.check() is False

    changed = json.loads(demo)
    changed["items"][0]["price_cents"] += 100
    kubelet_publish(volume, {"demo-burger.json": json.dumps(changed), "taqueria.json": taqueria})
    assert reloader.check() is True
    assert catalog.get(DEMO).items[0].price_cents == changed["items"][0]["price_cents"]
    assert len(catalog.menus) == 2

    # a restaurant removed from the ConfigMap: a poll that lands while its link dangles fails the
    # load (and keeps serving), the poll after the kubelet has cleaned up must load the new set
    kubelet_publish(volume, {"demo-burger.json": demo}, midway=reloader.check)
    assert reloader.status.last_error is not None
    assert reloader.check() is True
    assert catalog.restaurant_ids() == [DEMO] and reloader.status.last_error is None
    bundled = load_menu(bundled_menu_dir() / "demo-burger.json")
    assert catalog.get(DEMO).items[0].price_cents == bundled.items[0].price_cents


@pytest.mark.slow
def test_a_pod_configured_by_the_manifests_is_ready_and_counts_customers_not_the_ingress(tmp_path: Path) -> None:
    """The Deployment's environment, the ConfigMap laid out as the kubelet mounts it, real keys in
    place of the placeholders: ``voicecart serve`` with the container's arguments answers /readyz."""
    volume = tmp_path / "menus"
    volume.mkdir()
    kubelet_publish(volume, manifests()["ConfigMap"]["data"])
    env = {e["name"]: e["value"] for e in container()["env"] if "value" in e}
    env |= {
        "CART_KEYS": TEST_KEYS,
        "CART_ORDER_WEBHOOK_SECRET": "w" * 40,
        "CART_MENU_DIR": str(volume),
        "CART_DATA_DIR": str(tmp_path / "data"),
    }
    assert "*" not in env["FORWARDED_ALLOW_IPS"]  # trusted: the ingress only, never every client (#24)
    env["FORWARDED_ALLOW_IPS"] = "127.0.0.2"  # the ingress controller's address here, as the manifest says to set
    with ServerProcess(env, args=("--host", "127.0.0.1"), log_path=tmp_path / "serve.log") as server:
        ready = httpx.get(f"{server.url}/readyz")
        assert ready.status_code == 200, ready.text
        assert list(ready.json()["menus"]) == [DEMO]

        # behind the ingress every request comes from its address (here 127.0.0.2, which uvicorn does
        # not trust by default): the session limit must count the customer from X-Forwarded-For
        # (without OPENAI_API_KEY each counted call then answers 503)
        ingress = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        request = functools.partial(ingress.post, f"{server.url}/v1/realtime/session", json={"restaurant_id": DEMO})

        def session(customer: str) -> int:
            return request(headers={"Origin": server.url, "X-Forwarded-For": customer}).status_code

        limit = Settings().realtime_sessions_per_minute
        assert [session("203.0.113.7") for _ in range(limit + 1)] == [503] * limit + [429]
        assert session("198.51.100.9") == 503  # another customer still has their own quota
        ingress.close()
        # a client that is not the ingress cannot pose as many customers: its X-Forwarded-For is ignored
        direct = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.3"))
        posed = [
            direct.post(
                f"{server.url}/v1/realtime/session",
                json={"restaurant_id": DEMO},
                headers={"Origin": server.url, "X-Forwarded-For": f"192.0.2.{n}"},
            ).status_code
            for n in range(limit + 1)
        ]
        direct.close()
        assert posed == [503] * limit + [429]  # was 20 of 20 minted with FORWARDED_ALLOW_IPS="*"
