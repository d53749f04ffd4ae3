#!/usr/bin/env bash
# Runs the sample consumer of ChaosKit.Testing (samples/) as a team that installed the packages would: packs
# ChaosKit.Testing and its xunit fixtures into samples/packages (emptied first), drops any earlier copy of them from
# NuGet's package cache (a package of the same version is otherwise never extracted again), then builds and tests
# samples/ChatApp.sln, whose nuget.config restores them from that folder. tests/run.sh runs it after the other test
# projects and counts its "Passed!" lines; it also runs on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${CONFIGURATION:-Release}"
packages=samples/packages

rm -rf "$packages"
mkdir -p "$packages"
dotnet pack src/ChaosKit.Testing/ChaosKit.Testing.Packages.slnf -c "$configuration" -o "$packages" -nologo -clp:ErrorsOnly
package=$(find "$packages" -name 'ChaosKit.Testing.[0-9]*.nupkg' | head -n 1)
version=$(basename "$package" .nupkg)
version=${version#ChaosKit.Testing.}

cache=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: //')}
for id in chaoskit.testing chaoskit.testing.xunit chaoskit.testing.xunitv3; do rm -rf "${cache%/}/$id/$version"; done

# A hung test fails the run after 5 minutes, naming the test, as in tests/run.sh.
dotnet test samples/ChatApp.sln -c "$configuration" -nologo -p:ChaosKitVersion="$version" --blame-hang --blame-hang-timeout 5m
