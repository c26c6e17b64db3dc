#!/usr/bin/env bash
# Runs every benchmark of tests/GreenApi.Benchmarks and prints one table of figures and ratios.
# Not part of the test command; run it on demand from a clone:
#
#   bash tests/GreenApi.Benchmarks/run.sh [--parts generator,decoding,client,ratelimit,receiving] [--scratch DIR]
#
# It installs its peers into a scratch folder (default: a new temporary folder): NSwag's CLI
# (npm nswag@14.7.1, run on the .NET 10 runtime) and the official JS SDK
# (@green-api/whatsapp-api-client-js-v2). It builds the sandbox server and the benchmarks in Release,
# has NSwag generate a C# client from the spec (its types are then compiled into the benchmark for
# the decoding comparison), and runs everything. The table is also written to <scratch>/results.md.
# Needs: the .NET 10 SDK, node and npm. Takes about 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scratch=""
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch) scratch="$2"; shift 2 ;;
    --parts|--process-runs|--client-warmup|--client-calls|--client-rounds|--ratelimit-calls|--receiving)
      passthrough+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option '$1'; run with --help" >&2; exit 2 ;;
  esac
done
for tool in dotnet node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not on PATH: the benchmarks need the .NET 10 SDK, node and npm" >&2; exit 1; }
done
scratch="${scratch:-$(mktemp -d "${TMPDIR:-/tmp}/greenapi-bench.XXXXXX")}"
mkdir -p "$scratch/nswag"
scratch="$(cd "$scratch" && pwd)"
echo "scratch folder: $scratch"

echo "== installing the peers (npm)"
[ -f "$scratch/package.json" ] || echo '{"name":"greenapi-bench-peers","private":true}' > "$scratch/package.json"
npm install --prefix "$scratch" --no-audit --no-fund --loglevel=error nswag@14.7.1 @green-api/whatsapp-api-client-js-v2@1.0.3
nswag="$scratch/node_modules/nswag/bin/binaries/Net100/dotnet-nswag.dll"
[ -f "$nswag" ] || { echo "NSwag's .NET 10 CLI is not where npm put the package: $nswag" >&2; exit 1; }

echo "== building (Release)"
dotnet build runtime/GreenApi.Sandbox.Server -c Release --nologo -v quiet
dotnet build tests/GreenApi.Benchmarks -c Release --nologo -v quiet -p:NSwagClient=
bench="tests/GreenApi.Benchmarks/bin/Release/net10.0/GreenApi.Benchmarks.dll"

echo "== NSwag: the spec as one OpenAPI 3.0 document, and its C# client"
dotnet "$bench" nswag-input "$scratch/nswag/spec.json"
dotnet "$bench" nswag-input "$scratch/nswag/spec-compilable.json" compilable
dotnet "$nswag" openapi2csclient "/input:$scratch/nswag/spec-compilable.json" "/output:$scratch/nswag/CompilableClient.cs" \
  /namespace:NSwagGenerated /jsonLibrary:SystemTextJson /className:NSwagClient >/dev/null
# Compiled into the benchmark for the decoding comparison; the project treats warnings as errors.
{ printf '#nullable disable\n#pragma warning disable\n'; cat "$scratch/nswag/CompilableClient.cs"; } > "$scratch/nswag/NSwagTypes.cs"
dotnet build tests/GreenApi.Benchmarks -c Release --nologo -v quiet "-p:NSwagClient=$scratch/nswag/NSwagTypes.cs"

# The client round trips go to a sandbox server in another process; with two cores or more the server
# is pinned to CPU 0 and the clients (the benchmark process and node) to CPU 1, so that what is measured
# is what each client gets out of one core, not how the scheduler shares two between client and server.
pin=()
pin_args=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  pin=(taskset -c 1)
  pin_args=(--pin-server 0)
fi
rm -rf "$scratch/results"
common=(--scratch "$scratch"
  --sandbox-server runtime/GreenApi.Sandbox.Server/bin/Release/net10.0/GreenApi.Sandbox.Server.dll
  --nswag "$nswag"
  --node-script tests/GreenApi.Benchmarks/js/client-bench.js --node-modules "$scratch/node_modules")
parts="generator,decoding,client,ratelimit,receiving"
for ((i = 0; i < ${#passthrough[@]}; i += 2)); do
  [ "${passthrough[i]}" = "--parts" ] && parts="${passthrough[i + 1]}"
done
sizes=()
for ((i = 0; i < ${#passthrough[@]}; i += 2)); do
  [ "${passthrough[i]}" != "--parts" ] && sizes+=("${passthrough[i]}" "${passthrough[i + 1]}")
done
# Each part in a fresh process: one part's heap and JIT state do not weigh on the next.
for part in ${parts//,/ }; do
  echo "== running: $part"
  case "$part" in
    client) ${pin[@]+"${pin[@]}"} dotnet "$bench" part "$part" "${common[@]}" ${pin_args[@]+"${pin_args[@]}"} ${sizes[@]+"${sizes[@]}"} ;;
    *) dotnet "$bench" part "$part" "${common[@]}" ${sizes[@]+"${sizes[@]}"} ;;
  esac
done
echo
dotnet "$bench" report "$scratch"
