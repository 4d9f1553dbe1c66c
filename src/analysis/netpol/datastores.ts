/** Databases and caches recognised by image name and well-known container ports. */
import { containersOf } from '../../model/containers.js';
import { asArray, asRecord } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';

/** Image repository name (last path segment) → the port its server listens on by default. */
const BY_IMAGE: Record<string, number> = {
  postgres: 5432, postgis: 5432, 'postgresql': 5432, mysql: 3306, mariadb: 3306, percona: 3306, 'percona-server': 3306,
  mongo: 27017, mongodb: 27017, 'mongodb-community-server': 27017, redis: 6379, 'redis-stack-server': 6379, valkey: 6379, keydb: 6379, dragonfly: 6379,
  memcached: 11211, cassandra: 9042, scylla: 9042, elasticsearch: 9200, opensearch: 9200, couchdb: 5984, cockroach: 26257,
  etcd: 2379, neo4j: 7687, clickhouse: 9000, 'clickhouse-server': 9000, influxdb: 8086, mssql: 1433, 'mssql-server': 1433,
};
/** Ports that say "database" even on an unknown image (9000, 8086, 2379 are too common to count alone). */
const KNOWN_PORTS = new Set([5432, 3306, 27017, 6379, 11211, 9042, 9200, 5984, 26257, 7687, 1433]);

export interface Datastore {
  kind: string;
  port: number;
  /** Absolute pointer of the evidence: the container port or the image. */
  path: string;
}

function repoName(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return (colon < 0 ? last : last.slice(0, colon)).toLowerCase();
}

/**
 * The first container that is a database or cache, by its image or a well-known port it declares.
 * A Job or CronJob runs to completion: a database image there is a client (etcdctl, psql, a
 * migration or a backup), so only a declared well-known port counts.
 */
export function datastoreOf(pod: PodSpecRef): Datastore | undefined {
  const batch = pod.object.kind === 'Job' || pod.object.kind === 'CronJob';
  for (const c of containersOf(pod)) {
    if (c.role !== 'app') continue;
    const image = typeof c.container.image === 'string' ? c.container.image : '';
    const name = repoName(image);
    const byImage = BY_IMAGE[name] ?? Object.entries(BY_IMAGE).find(([k]) => name.startsWith(`${k}-`) || name.endsWith(`-${k}`))?.[1];
    const ports = asArray(c.container.ports).map(asRecord);
    const declared = ports.findIndex((p) => typeof p?.containerPort === 'number' && (p.containerPort === byImage || (byImage === undefined && KNOWN_PORTS.has(p.containerPort))));
    if (declared >= 0) return { kind: name || 'database', port: ports[declared]!.containerPort as number, path: `${c.path}/ports/${declared}/containerPort` };
    if (byImage !== undefined && !batch) return { kind: name, port: byImage, path: `${c.path}/image` };
  }
  return undefined;
}
