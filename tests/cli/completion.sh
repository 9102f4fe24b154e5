#!/usr/bin/env bash
# The bash and zsh completion scripts the build writes to share/ are the
# program's own `clustersim completion bash|zsh`; the bash one offers the
# commands, a command's options and --progress's choices (run through compgen).
# Called with the build tree's share/ folder as the argument after SOURCE_DIR.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
share=$(realpath "$1")
bash_file="$share/bash-completion/completions/clustersim"
zsh_file="$share/zsh/site-functions/_clustersim"

expect_status 0 bash "$bin" completion bash
cmp bash.out "$bash_file" || fail "$bash_file is not what 'clustersim completion bash' prints"
expect_status 0 zsh "$bin" completion zsh
cmp zsh.out "$zsh_file" || fail "$zsh_file is not what 'clustersim completion zsh' prints"
expect_status 2 fish "$bin" completion fish

# shellcheck source=/dev/null
source "$bash_file"
complete -p clustersim | grep -q -- "-F _clustersim" || fail "the script does not register _clustersim"

# complete WORD...: the completions of the last word (possibly empty), one a line.
complete_words() {
  COMP_WORDS=(clustersim "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _clustersim
  printf '%s\n' "${COMPREPLY[@]}"
}
expect_words() {
  local want="$1" got
  shift
  got=$(complete_words "$@" | sort | tr '\n' ' ')
  [ "$got" = "$want " ] || fail "completing 'clustersim $*': got '$got', expected '$want'"
}
expect_words "bench completion help indices inspect run sweep validate" ""
expect_words "run" ru
expect_words "validate" val
expect_words "collect plan run status" sweep ""
expect_words "--progress" run demo.yaml --pro
expect_words "always auto never" run demo.yaml --progress ""
expect_words "--seed --set --snapshot-every --swmr" run --s
expect_words "--snapshot-every" run x.yaml --sn
expect_words "--list" sweep status d --l
complete_words run "" | grep -q . && fail "after 'run' the scenario file is not left to file completion"
complete_words run -o "" | grep -q . && fail "after -o the file is not left to file completion"

if command -v zsh >/dev/null; then
  zsh -n "$zsh_file" || fail "the zsh completion script does not parse"
  # Loading it defines the function and registers it with compinit.
  zsh -f -c 'autoload -U compinit && compinit -u -D && source "$1" && whence -w _clustersim && [[ ${_comps[clustersim]} == _clustersim ]]' \
    zsh "$zsh_file" >zsh-load.out 2>&1 || fail "the zsh script does not load: $(cat zsh-load.out)"
  echo "zsh: the script parses and registers _clustersim"
else
  echo "skipping the zsh checks: zsh is not installed (tools/setup installs it)"
fi
for c in run validate bench sweep inspect indices; do
  grep -q "'$c:" "$zsh_file" || fail "the zsh script does not offer '$c' with its description"
done
echo "completion: bash offers commands, options and choices; zsh script checked"
