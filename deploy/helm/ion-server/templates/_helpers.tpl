{{/* The chart's name, or nameOverride. */}}
{{- define "ion-server.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The objects' name: fullnameOverride, else the release name (with the chart name unless it has it). */}}
{{- define "ion-server.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels that select the server's pods: the Deployment, Service, PDB and NetworkPolicy share them. */}}
{{- define "ion-server.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ion-server.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "ion-server.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ion-server.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The Secret holding the API keys: the user's, or the chart's own. */}}
{{- define "ion-server.apiKeysSecret" -}}
{{- if .Values.apiKeys.existingSecret }}
{{- .Values.apiKeys.existingSecret }}
{{- else }}
{{- printf "%s-api-keys" (include "ion-server.fullname" .) }}
{{- end }}
{{- end }}

{{/* The headless Service of cluster mode, and the DNS name the pods look each other up by. */}}
{{- define "ion-server.clusterService" -}}
{{- printf "%s-cluster" (include "ion-server.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "ion-server.clusterDns" -}}
{{- printf "%s.%s.svc.cluster.local" (include "ion-server.clusterService" .) .Release.Namespace }}
{{- end }}
