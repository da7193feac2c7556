#!/usr/bin/env bash
# Publishes the web console to the deployed stack's console bucket, with a config.js that
# points it at the stack's API and Cognito sign-in. Usage: infrastructure/publish-console.sh [STACK]
set -euo pipefail
stack="${1:-lead-import}"
cd "$(dirname "$0")/.."
output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
bucket="$(output ConsoleBucketName)"
config="$(mktemp)"
printf 'window.LEAD_IMPORT_CONFIG = { apiUrl: "%s", authUrl: "%s", clientId: "%s" };\n' \
  "$(output ApiUrl)" "$(output SignInUrl)" "$(output UserPoolClientId)" > "$config"
aws s3 sync console "s3://$bucket" --delete --exclude config.js
aws s3 cp "$config" "s3://$bucket/config.js" --content-type "text/javascript" --cache-control "no-cache"
# CloudFront caches the old files for up to a day otherwise
aws cloudfront create-invalidation --distribution-id "$(output ConsoleDistributionId)" --paths '/*' >/dev/null
echo "console published: $(output ConsoleUrl)"
