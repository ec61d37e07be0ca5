{{/*
The RBAC rules, in one place for the ClusterRoles and the Roles of namespace-scoped mode.
src/test/java/dev/coffer/deploy/RbacTest.java checks them against the API requests the
controllers make: a missing verb and an unused grant both fail it.
*/}}

{{/* ExternalSecret controllers, namespaced resources: cluster-wide in a ClusterRole, or per watched namespace in a Role. */}}
{{- define "coffer.rules.externalSecrets" -}}
# patch: the finalizer; get: JOSDK re-reads the ExternalSecret when that patch conflicts.
- apiGroups: ["external-secrets.io"]
  resources: ["externalsecrets"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["external-secrets.io"]
  resources: ["secretstores"]
  verbs: ["list", "watch"]
- apiGroups: ["external-secrets.io"]
  resources: ["externalsecrets/status", "secretstores/status"]
  verbs: ["patch"]
# PushSecrets: as ExternalSecrets (patch: the finalizer; get: JOSDK's re-read on a conflicting patch).
- apiGroups: ["external-secrets.io"]
  resources: ["pushsecrets"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["external-secrets.io"]
  resources: ["pushsecrets/status"]
  verbs: ["patch"]
# Secrets are written with an ownerReference that blocks owner deletion, which needs this
# where the OwnerReferencesPermissionEnforcement admission plugin runs (OpenShift).
- apiGroups: ["external-secrets.io"]
  resources: ["externalsecrets/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
# CA bundles (caProvider) and templateFrom.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"]
# TokenRequest for the kubernetes provider's serviceAccount auth, IRSA and Vault kubernetes/jwt auth.
- apiGroups: [""]
  resources: ["serviceaccounts/token"]
  verbs: ["create"]
# IRSA (aws auth.jwt): the role and audience come from the ServiceAccount's eks.amazonaws.com annotations.
- apiGroups: [""]
  resources: ["serviceaccounts"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
# Generators an ExternalSecret names (sourceRef.generatorRef), read on each sync.
- apiGroups: ["generators.external-secrets.io"]
  resources: ["passwords", "uuids", "vaultdynamicsecrets", "fakes", "sshkeys", "stssessiontokens", "ecrauthorizationtokens", "webhooks"]
  verbs: ["get"]
{{- end -}}

{{/* ExternalSecret controllers, cluster-scoped resources: always in a ClusterRole. */}}
{{- define "coffer.rules.externalSecrets.cluster" -}}
- apiGroups: ["external-secrets.io"]
  resources: ["clustersecretstores"]
  verbs: ["list", "watch"]
- apiGroups: ["external-secrets.io"]
  resources: ["clustersecretstores/status"]
  verbs: ["patch"]
# A ClusterSecretStore's namespaceSelector is matched against the ExternalSecret's namespace labels.
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["get"]
- apiGroups: ["generators.external-secrets.io"]
  resources: ["clustergenerators"]
  verbs: ["get"]
{{- end -}}

{{/* ClusterExternalSecret and ClusterPushSecret controllers (not in namespace-scoped mode): they stamp
ExternalSecrets and PushSecrets into (and remove them from) any namespace, and watch Namespaces so
that a new or relabelled one is served at once. */}}
{{- define "coffer.rules.fanout" -}}
- apiGroups: ["external-secrets.io"]
  resources: ["clusterexternalsecrets", "clusterpushsecrets"]
  verbs: ["list", "watch"]
- apiGroups: ["external-secrets.io"]
  resources: ["clusterexternalsecrets/status", "clusterpushsecrets/status"]
  verbs: ["patch"]
- apiGroups: ["external-secrets.io"]
  resources: ["externalsecrets", "pushsecrets"]
  verbs: ["create", "update", "delete"]
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["list", "watch"]
{{- end -}}

{{/* SealedSecret controller, namespaced resources (checked by RbacTest). */}}
{{- define "coffer.rules.sealedSecrets" -}}
- apiGroups: ["bitnami.com"]
  resources: ["sealedsecrets"]
  verbs: ["list", "watch"]
- apiGroups: ["bitnami.com"]
  resources: ["sealedsecrets/status"]
  verbs: ["patch"]
- apiGroups: ["bitnami.com"]
  resources: ["sealedsecrets/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}

{{/* SealedSecret key Secrets: only in Coffer's own namespace. */}}
{{- define "coffer.rules.sealingKeys" -}}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list", "watch", "create"]
{{- end -}}

{{/* Leader election, in Coffer's own namespace. */}}
{{- define "coffer.rules.leaderElection" -}}
# fabric8's LeaseLock renews with patch; JOSDK refuses to start unless it may also update.
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update", "patch"]
{{- end -}}

{{/* Sharding by Lease (sharding.mode=lease): each replica's own Lease, and a list of all of them. */}}
{{- define "coffer.rules.shardLeases" -}}
# create/update: this replica's Lease; list: the members; delete: released on shutdown.
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "list", "create", "update", "delete"]
{{- end -}}

{{/* Rollout restarts (rollouts.enabled): cluster-wide, or per namespace of rollouts.namespaces / watchNamespaces. */}}
{{- define "coffer.rules.rollouts" -}}
# patch: the pod-template hash annotation (the restart); the workloads are read from watches.
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets", "daemonsets"]
  verbs: ["list", "watch", "patch"]
# Secret events (the cache keeps metadata only); get: the data of a workload's Secrets, when it is evaluated.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}

{{/* Pod injection, the operator's namespace: the webhook's certificate Secret (create: the operator makes it; cert-manager: read only). */}}
{{- define "coffer.rules.injectSecret" -}}
{{- if not .Values.inject.certManager.enabled }}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["create"]
{{- end }}
- apiGroups: [""]
  resources: ["secrets"]
  resourceNames: [{{ .Values.inject.certificate.secretName | quote }}]
  verbs: {{ if .Values.inject.certManager.enabled }}["get"]{{ else }}["get", "update"]{{ end }}
{{- end }}

{{/* Pod injection: the leader patches the CA bundle into its own MutatingWebhookConfiguration only. */}}
{{- define "coffer.rules.injectCaBundle" -}}
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["mutatingwebhookconfigurations"]
  resourceNames: [{{ printf "%s-inject" (include "coffer.fullname" .) | quote }}]
  verbs: ["get", "patch"]
{{- end }}

{{/* Pod injection from stores (coffer.dev/inject): the render endpoint authenticates an agent's token,
reads its pod's annotations, and resolves the stores they name by name. */}}
{{- define "coffer.rules.injectRender" -}}
- apiGroups: ["authentication.k8s.io"]
  resources: ["tokenreviews"]
  verbs: ["create"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
- apiGroups: ["external-secrets.io"]
  resources: ["secretstores", "clustersecretstores"]
  verbs: ["get"]
{{- end -}}
