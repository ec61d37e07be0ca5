{{- define "coffer.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "coffer.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "coffer.selectorLabels" -}}
app.kubernetes.io/name: {{ include "coffer.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "coffer.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "coffer.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "coffer.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "coffer.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Leader election: explicit true/false, else on when there is more than one replica. */}}
{{/* The sharding mode: "off", "static" or "lease" (YAML's bare off is false: also "off"). */}}
{{- define "coffer.sharding" -}}
{{- $mode := .Values.sharding.mode -}}
{{- if or (kindIs "bool" $mode) (not $mode) -}}off{{- else -}}{{ $mode }}{{- end -}}
{{- end -}}

{{- define "coffer.leaderElection" -}}
{{- if ne (include "coffer.sharding" .) "off" -}}
false
{{- else if kindIs "bool" .Values.leaderElection.enabled -}}
{{- .Values.leaderElection.enabled -}}
{{- else -}}
{{- gt (int .Values.replicaCount) 1 -}}
{{- end -}}
{{- end -}}

{{- define "coffer.namespaced" -}}
{{- gt (len .Values.watchNamespaces) 0 -}}
{{- end -}}

{{/* The image injected pods run in agent mode: inject.agentImage, or the operator's own. */}}
{{- define "coffer.agentImage" -}}
{{- .Values.inject.agentImage | default (printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion)) -}}
{{- end }}
