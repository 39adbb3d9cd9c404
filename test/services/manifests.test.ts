import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SERVICE_NAMES, type ServiceName, serviceSettings } from "@concert/system";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { type INetworkPolicy, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Secret, Service } from "kubernetes-models/v1";
import { parse, parseAllDocuments } from "yaml";

const DIR = resolve(__dirname, "../../deploy/kubernetes");
const PARTS = ["gateway", "risk", "peacekeeping", "engagements", "alerts"];
const SUBGRAPH_PORTS: Record<string, number> = { risk: 4001, peacekeeping: 4002, engagements: 4003, alerts: 4004 };

/** The model class that validates each kind against the Kubernetes API's OpenAPI schema. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/ConfigMap": ConfigMap,
  "v1/Namespace": Namespace,
  "v1/Secret": Secret,
  "v1/Service": Service,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  file: string;
}

const manifests: Manifest[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(DIR, file), "utf8")).map((doc) => {
      expect(doc.errors).toEqual([]);
      return { ...(doc.toJS() as Omit<Manifest, "file">), file };
    }),
  );

/** The placeholder Secret: an example of the keys, kept apart from what `kubectl apply -f deploy/kubernetes/` applies. */
const EXAMPLE_SECRET = resolve(__dirname, "../../deploy/secret.example.yaml");
const exampleSecret = parse(readFileSync(EXAMPLE_SECRET, "utf8")) as { kind: string; stringData: Record<string, string> };

const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const named = (kind: string, name: string) => ofKind(kind).find((m) => m.metadata.name === name);

describe("deploy/kubernetes", () => {
  it("holds only kinds the test knows, every one valid against the API schema", () => {
    expect(manifests.length).toBeGreaterThan(20);
    for (const m of manifests) {
      const Model = MODELS[`${m.apiVersion}/${m.kind}`];
      expect([m.file, m.kind, Model ? "known" : "unknown"]).toEqual([m.file, m.kind, "known"]);
      const { file: _f, ...data } = m;
      expect(() => new Model!(data as never).validate()).not.toThrow();
      if (m.kind !== "Namespace") expect(m.metadata.namespace).toBe("concert");
    }
  });

  it("rejects a broken manifest (the validation is real)", () => {
    const broken = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { replicas: "two", selector: {} } };
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it.each(PARTS)("runs %s with probes, resources, a PodDisruptionBudget and an autoscaler", (part) => {
    const deployment = new Deployment(named("Deployment", part) as never);
    const container = deployment.spec!.template.spec!.containers[0]!;
    expect(container.args).toEqual([part]);
    expect(container.ports?.map((p) => p.containerPort)).toContain(9464);
    expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
    expect(container.readinessProbe?.httpGet?.path).toBe("/readyz");
    expect(container.resources?.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(deployment.spec!.template.spec!.securityContext?.runAsNonRoot).toBe(true);
    expect(container.envFrom?.map((e) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual(["concert-config", "concert-secrets"]);
    const labels = deployment.spec!.template.metadata!.labels!;
    expect(named("Service", part)?.spec?.selector).toEqual(labels);
    expect(new PodDisruptionBudget(named("PodDisruptionBudget", part) as never).spec?.selector?.matchLabels).toEqual(labels);
    expect(new HorizontalPodAutoscaler(named("HorizontalPodAutoscaler", part) as never).spec?.scaleTargetRef.name).toBe(part);
  });

  it("wires database URLs and issuers from the Secret, the subgraph URLs from the ConfigMap", () => {
    expect(Object.keys(exampleSecret.stringData)).toEqual(
      expect.arrayContaining([
        "DATABASE_URL",
        "CONCERT_ISSUERS",
        "ALERTS_SECRET_KEY",
        "CONCERT_SESSION_KEY",
        "CONCERT_SERVICE_KEY",
        "CONCERT_SERVICE_JWKS",
      ]),
    );
    const config = (named("ConfigMap", "concert-config") as unknown as { data: Record<string, string> }).data;
    for (const [part, port] of Object.entries(SUBGRAPH_PORTS))
      expect(config[`${part.toUpperCase()}_URL`]).toBe(`http://${part}.concert.svc.cluster.local:${port}/graphql`);
    const job = new Job(named("Job", "concert-migrate") as never);
    expect(job.spec!.template.spec!.containers[0]!.command).toEqual(["node", "system/dist/cli/migrate.js"]);
  });

  describe("network policies", () => {
    const policies = ofKind("NetworkPolicy") as unknown as INetworkPolicy[];
    const componentOf = (selector: { matchLabels?: Record<string, string> } | undefined) =>
      selector?.matchLabels?.["app.kubernetes.io/component"];

    /** Whether traffic from a pod of `from` (in namespace `namespace`) to `part`'s port is allowed by some policy. */
    function allowed(from: string | null, namespace: string, part: string, port: number): boolean {
      const selecting = policies.filter((p) => {
        const c = componentOf(p.spec!.podSelector);
        return c === undefined ? true : c === part;
      });
      return selecting.some((p) =>
        (p.spec!.ingress ?? []).some((rule) => {
          const portOk = !rule.ports || rule.ports.some((r) => r.port === port);
          const sourceOk =
            !rule.from ||
            rule.from.some((peer) =>
              peer.namespaceSelector
                ? peer.namespaceSelector.matchLabels?.["kubernetes.io/metadata.name"] === namespace
                : namespace === "concert" && from !== null && componentOf(peer.podSelector) === from,
            );
          return portOk && sourceOk;
        }),
      );
    }

    it("denies ingress by default", () => {
      expect(
        policies.some((p) => Object.keys(p.spec!.podSelector).length === 0 && p.spec!.policyTypes?.includes("Ingress") && !p.spec!.ingress),
      ).toBe(true);
    });

    it("lets only the gateway reach the subgraphs, but every part read the registry from engagements, and alerts follow the feeds", () => {
      for (const [part, port] of Object.entries(SUBGRAPH_PORTS)) {
        expect([part, allowed("gateway", "concert", part, port)]).toEqual([part, true]);
        expect([part, "from outside", allowed(null, "elsewhere", part, port)]).toEqual([part, "from outside", false]);
        for (const other of Object.keys(SUBGRAPH_PORTS).filter((o) => o !== part)) {
          const expected = part === "engagements" || (other === "alerts" && part !== "alerts");
          expect([other, "→", part, allowed(other, "concert", part, port)]).toEqual([other, "→", part, expected]);
        }
      }
      expect(allowed(null, "elsewhere", "gateway", 4000)).toBe(true);
    });

    it("lets the monitoring namespace scrape every part's metrics port, and nothing else of the subgraphs", () => {
      for (const part of PARTS) expect([part, allowed(null, "monitoring", part, 9464)]).toEqual([part, true]);
      for (const [part, port] of Object.entries(SUBGRAPH_PORTS))
        expect([part, allowed(null, "monitoring", part, port)]).toEqual([part, false]);
      expect(allowed(null, "elsewhere", "risk", 9464)).toBe(false);
    });
  });
});

/** Keys a real secret store would hold: random, unlike the example's placeholders. */
const REAL_KEYS = {
  CHANGE_FEED_KEY: "Xq3vT9pLm2Rz7Kc4Wb8Nf1Hd6Js0Ya5E",
  ALERTS_SECRET_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 7 + 1) % 256)).toString("base64"),
  CONCERT_SESSION_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 11 + 5) % 256)).toString("base64"),
};

describe("the deployed settings, through the services' own zod schemas", () => {
  it("keeps the placeholder Secret out of deploy/kubernetes/, valid against the API schema", () => {
    expect(ofKind("Secret")).toEqual([]);
    expect(exampleSecret.kind).toBe("Secret");
    expect(() => new Secret(exampleSecret as never).validate()).not.toThrow();
  });

  /** The environment Kubernetes gives `part`'s container: its env, then the ConfigMap and the Secret it names. */
  function kubernetesEnv(part: string, secret: Record<string, string>): NodeJS.ProcessEnv {
    const deployment = new Deployment(named("Deployment", part) as never);
    const container = deployment.spec!.template.spec!.containers[0]!;
    const env: NodeJS.ProcessEnv = {};
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef) Object.assign(env, (named("ConfigMap", from.configMapRef.name!) as unknown as { data: object }).data);
      if (from.secretRef) Object.assign(env, secret);
    }
    for (const e of container.env ?? []) env[e.name] = e.value;
    return env;
  }

  it.each(PARTS)("%s: the manifests' settings parse; the example Secret's placeholders are refused", (part) => {
    const name = part as ServiceName;
    expect(serviceSettings(name, kubernetesEnv(part, { ...exampleSecret.stringData, ...REAL_KEYS })).name).toBe(part);
    if (part !== "gateway") {
      expect(() => serviceSettings(name, kubernetesEnv(part, exampleSecret.stringData))).toThrow(/placeholder/);
    }
  });

  /** Compose's `${NAME:-default}` and `${NAME:?message}`, with `given` set in the shell. */
  function interpolate(value: unknown, given: Record<string, string>): string {
    return String(value).replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, rest?: string) => {
      if (given[name]) return given[name]!;
      if (kind === "?") throw new Error(`${name} is required: ${rest}`);
      return rest ?? "";
    });
  }

  const compose = parse(readFileSync(resolve(__dirname, "../../deploy/compose.yaml"), "utf8"), { merge: true }) as {
    services: Record<string, { environment?: Record<string, unknown>; healthcheck?: { test: string[] }; depends_on?: object }>;
  };
  const composeEnv = (service: string, given: Record<string, string>) =>
    Object.fromEntries(Object.entries(compose.services[service]!.environment ?? {}).map(([k, v]) => [k, interpolate(v, given)]));

  it.each(SERVICE_NAMES)("compose %s: its settings parse, it requires its keys, and it is healthy only when /readyz says so", (name) => {
    expect(serviceSettings(name, composeEnv(name, REAL_KEYS)).name).toBe(name);
    expect(() => composeEnv(name, {})).toThrow(/CHANGE_FEED_KEY is required/);
    if (name === "alerts")
      expect(() => composeEnv(name, { CHANGE_FEED_KEY: REAL_KEYS.CHANGE_FEED_KEY })).toThrow(/ALERTS_SECRET_KEY is required/);
    expect(compose.services[name]!.healthcheck?.test.join(" ")).toContain("/readyz");
  });

  it("points only to docs that exist", () => {
    const files = [resolve(__dirname, "../../deploy/compose.yaml"), EXAMPLE_SECRET, ...readdirSync(DIR).map((f) => join(DIR, f))];
    for (const file of files) {
      for (const [path] of readFileSync(file, "utf8").matchAll(/docs\/[\w./-]+\.md/g)) {
        expect([file, existsSync(resolve(__dirname, "../..", path))]).toEqual([file, true]);
      }
    }
  });

  it("compose starts a part once what it needs is healthy, the gateway last", () => {
    const needs = (service: string) => compose.services[service]!.depends_on as Record<string, { condition: string }>;
    expect(needs("gateway")).toMatchObject(
      Object.fromEntries(["engagements", "risk", "peacekeeping", "alerts"].map((n) => [n, { condition: "service_healthy" }])),
    );
    for (const part of ["risk", "peacekeeping", "alerts"]) expect(needs(part).engagements).toEqual({ condition: "service_healthy" });
  });
});
