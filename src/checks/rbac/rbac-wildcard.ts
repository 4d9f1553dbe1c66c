import { rbacModel } from '../../analysis/rbac/model.js';
import { fullPower } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { reach, roleTitle, userRoles } from '../shared/rbac-rules.js';

const FIELDS = ['verbs', 'resources', 'apiGroups'] as const;

export default defineCheck({
  id: 'rbac-wildcard',
  title: 'Role uses * for verbs, resources or apiGroups',
  severity: 'medium',
  category: 'rbac',
  description:
    'A `*` in a rule\'s verbs, resources or apiGroups grants everything of that kind that exists now and everything added later: new subresources, new API groups, custom resources installed by operators. `*` verbs on `*` resources, or get, list, watch, create, update, patch and delete on `*` resources in `*` apiGroups, is cluster-admin (or its equivalent) within the binding\'s scope (high).',
  remediation: 'List the verbs, resources and API groups the subject uses instead of `*`.',
  frameworks: { cis: ['5.1.3'], nsa: ['authn-authz/rbac'], owasp: ['K03'] },
  aliases: { kubeLinter: ['wildcard-in-rules'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const model = rbacModel(inventory);
    return userRoles(model).flatMap((role) =>
      role.rules.flatMap((ref) => {
        const wild = FIELDS.filter((f) => ref.rule[f].includes('*'));
        if (!wild.length) return [];
        const first = wild[0]!;
        const all = (ref.rule.verbs.includes('*') && ref.rule.resources.includes('*')) || fullPower(ref.rule) === 'read-write';
        return [{
          object: role.object,
          issue: {
            path: `/rules/${ref.index}/${first}/${ref.rule[first].indexOf('*')}`,
            message: `${roleTitle(role)} rule ${ref.index} has * in ${wild.join(', ')}; ${reach(model, role).text}`,
            evidence: { found: '*', expected: 'explicit verbs, resources and apiGroups' },
            ...(all ? { severity: 'high' as const } : {}),
          },
        }];
      }),
    );
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app-manager, namespace: team-a}
rules:
  - apiGroups: [apps]
    resources: [deployments]
    verbs: ["*"]
`,
      { yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: operator}
rules:
  - apiGroups: ["*"]
    resources: [widgets]
    verbs: [get]
  - apiGroups: [""]
    resources: ["*"]
    verbs: [list]
`, findings: 2 },
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app-manager, namespace: team-a}
rules:
  - apiGroups: [apps]
    resources: [deployments]
    verbs: [get, list, watch, update, patch]
`,
    ],
  },
});
