/**
 * The entry script the SDK's FrameworkProcessor generates (`_generate_framework_script`, SDK
 * v2.257.7, no CodeArtifact repository): unpack the source bundle, install requirements, run the
 * user's script with the job arguments. Kept byte-identical so processing steps behave as the SDK's.
 */
export function runprocScript(entryPoint: string, command = "python"): string {
  return `#!/bin/bash

cd /opt/ml/processing/input/code/
tar -xzf sourcedir.tar.gz

# Exit on any error. SageMaker uses error code to mark failed job.
set -e

if [[ -f 'requirements.txt' ]]; then
    # Optionally log into CodeArtifact
    if ! hash aws 2>/dev/null; then
        echo "AWS CLI is not installed. Skipping CodeArtifact login."
    else
        echo 'CodeArtifact repository not specified. Skipping login.'
    fi

    # Some py3 containers has typing, which may breaks pip install
    pip uninstall --yes typing

    python -m pip install -r requirements.txt
fi

${command} ${entryPoint} "$@"
`;
}
