#!/usr/bin/env bash
# Says in plain words that a package registry could not be reached, when the
# error output of a download says so; silent otherwise (the error speaks).
#   scripts/registry-message.sh REGISTRY ERROR_FILE
registry=$1 errors=$2
if grep -qiE "could not resolve|couldn't resolve|failed to download|failed to query|network|timed out|connection (refused|reset)|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|Temporary failure in name resolution|Could not fetch URL|No matching distribution" "$errors" 2>/dev/null; then
  echo >&2
  echo "Could not reach $registry to download what Matchbook needs." >&2
  echo "Check this computer's internet connection (and proxy settings, if any), then run the same make command again." >&2
fi
