#include "tools/cli/help.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <sstream>

#include "sim/version.hpp"

namespace clustersim::cli {

namespace {

/// The named subcommands of a command, in the order they were added.
std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); });
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// What an option's value is called in help: its type name without the
/// descriptions CLI11 appends for validators ("N", not "UINT:INT in [1 - 4096]").
std::string value_name(const CLI::Option& opt) {
  if (opt.get_positional() && !opt.nonpositional()) return upper(opt.get_name());
  std::string name = opt.get_type_name();
  return name.substr(0, name.find(':'));
}

bool takes_value(const CLI::Option& opt) {
  return opt.get_type_size() != 0;
}

bool repeats(const CLI::Option& opt) {
  return opt.get_expected_max() >= CLI::detail::expected_max_vector_size;
}

class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override {
    if (is_positional) return value_name(*opt);
    return CLI::Formatter::make_option_name(opt, false);
  }
  std::string make_option_opts(const CLI::Option* opt) const override {
    if (!opt->get_option_text().empty()) return " " + opt->get_option_text();
    if (opt->get_positional() || !takes_value(*opt)) return "";
    return " " + value_name(*opt) + (repeats(*opt) ? " ..." : "");
  }
  std::string make_option_usage(const CLI::Option* opt) const override {
    const std::string name = value_name(*opt) + (repeats(*opt) ? "..." : "");
    return opt->get_required() ? name : "[" + name + "]";
  }
};

/// Optimal-string-alignment distance: insertions, deletions, substitutions and
/// swaps of neighbours each count one.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

/// The usage line of a command ("clustersim run [OPTIONS] SCENARIO").
std::string usage_line(const CLI::App& app, const std::string& full_name) {
  std::string usage = HelpFormatter().make_usage(&app, full_name);
  const std::string label = "Usage: ";
  if (usage.rfind(label, 0) == 0) usage.erase(0, label.size());
  while (!usage.empty() && usage.back() == '\n') usage.pop_back();
  return usage;
}

/// Every command with the name it is typed by: "" for the program itself,
/// then "run", ..., "sweep", "sweep plan", ...
void walk(const CLI::App& app, const std::string& path,
          std::vector<std::pair<std::string, const CLI::App*>>& out) {
  out.emplace_back(path, &app);
  for (const CLI::App* sub : commands_of(app)) {
    walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
  }
}

// ---- roff ----------------------------------------------------------------------

/// Text for a roff line: backslashes escaped, and a leading '.' or '\'' made literal.
std::string roff(const std::string& text, bool minus = false) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-' && minus) {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

/// The footer as roff: "Examples:" and "Exit status:" as bold headings, the
/// indented lines below them kept as they are.
void roff_footer(std::ostringstream& m, const std::string& footer) {
  std::istringstream lines(footer);
  std::string line;
  bool in_block = false;
  auto end_block = [&] {
    if (in_block) m << ".fi\n.RE\n";
    in_block = false;
  };
  while (std::getline(lines, line)) {
    if (line.empty()) {
      end_block();
      continue;
    }
    if (line[0] != ' ') {
      end_block();
      m << ".PP\n" << (line.back() == ':' ? "\\fB" + roff(line) + "\\fR" : roff(line)) << "\n";
      continue;
    }
    if (!in_block) m << ".RS 4\n.nf\n";
    in_block = true;
    m << roff(line.substr(line.find_first_not_of(' ')), true) << "\n";
  }
  end_block();
}

void roff_options(std::ostringstream& m, const CLI::App& app) {
  for (const CLI::Option* opt : app.get_options()) {
    m << ".TP\n";
    if (!opt->nonpositional()) {
      m << "\\fI" << roff(value_name(*opt)) << "\\fR\n";
    } else {
      std::string names;
      for (const std::string& s : opt->get_snames())
        names += (names.empty() ? "" : ", ") + ("-" + s);
      for (const std::string& l : opt->get_lnames())
        names += (names.empty() ? "" : ", ") + ("--" + l);
      m << "\\fB" << roff(names, true) << "\\fR";
      if (takes_value(*opt)) m << " \\fI" << roff(value_name(*opt)) << "\\fR";
      m << "\n";
    }
    m << roff(opt->get_description()) << "\n";
  }
}

// ---- completion ----------------------------------------------------------------

/// A single-quoted shell word.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::vector<std::string> option_names(const CLI::Option& opt) {
  std::vector<std::string> names;
  for (const std::string& s : opt.get_snames()) names.push_back("-" + s);
  for (const std::string& l : opt.get_lnames()) names.push_back("--" + l);
  return names;
}

/// The choices an option offers, when its value name lists them ("auto|always|never").
std::vector<std::string> choices(const CLI::Option& opt) {
  const std::string name = value_name(opt);
  if (name.find('|') == std::string::npos) return {};
  std::vector<std::string> out;
  std::istringstream in(name);
  std::string word;
  while (std::getline(in, word, '|')) out.push_back(word);
  return out;
}

bool is_file_value(const CLI::Option& opt) {
  const std::string name = value_name(opt);
  return name == "FILE" || name == "DIR" || name.find(".") != std::string::npos;
}

std::string join(const std::vector<std::string>& words, const std::string& sep = " ") {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

/// The `case` pattern of the command-word transitions: "|run", "sweep|plan", ...
std::string transitions(const std::vector<std::pair<std::string, const CLI::App*>>& all) {
  std::vector<std::string> patterns;
  for (const auto& [path, app] : all) {
    for (const CLI::App* sub : commands_of(*app))
      patterns.push_back(quoted(path + "|" + sub->get_name()));
  }
  return join(patterns, "|");
}

}  // namespace

std::shared_ptr<CLI::Formatter> make_help_formatter() {
  auto formatter = std::make_shared<HelpFormatter>();
  formatter->label("SUBCOMMAND", "COMMAND");
  formatter->label("SUBCOMMANDS", "COMMANDS");
  return formatter;
}

void name_command_groups(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_name().empty(); })) {
    if (!sub->get_group().empty()) sub->group("Commands");
    name_command_groups(*sub);
  }
}

std::string help_footer(const std::vector<std::string>& examples,
                        const std::vector<std::pair<int, std::string>>& statuses) {
  std::string out = "Examples:\n";
  for (const std::string& e : examples) out += "  " + e + "\n";
  out += "\nExit status:\n";
  for (const auto& [code, meaning] : statuses) {
    std::string c = std::to_string(code);
    out += "  " + c + std::string(c.size() < 5 ? 5 - c.size() : 1, ' ') + meaning + "\n";
  }
  out.pop_back();
  return out;
}

std::string closest_name(const std::string& typed, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = 3;  // at most two edits
  for (const std::string& n : names) {
    const std::size_t d = edit_distance(typed, n);
    if (d < best_distance && d < n.size()) {
      best = n;
      best_distance = d;
    }
  }
  if (!best.empty()) return best;
  std::vector<std::string> prefixed;
  for (const std::string& n : names) {
    if (!typed.empty() && n.rfind(typed, 0) == 0) prefixed.push_back(n);
  }
  return prefixed.size() == 1 ? prefixed.front() : "";
}

std::string unknown_command_message(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* current = &app;
  std::string path;
  for (const std::string& arg : args) {
    if (arg.empty() || arg[0] == '-') break;
    const std::vector<const CLI::App*> subs = commands_of(*current);
    if (subs.empty()) break;
    const auto found = std::find_if(subs.begin(), subs.end(),
                                    [&](const CLI::App* s) { return s->get_name() == arg; });
    if (found != subs.end()) {
      current = *found;
      path += arg + " ";
      continue;
    }
    // A command that takes positional arguments as well as subcommands would
    // read this word as one of them.
    if (!current->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty()) {
      break;
    }
    std::vector<std::string> names;
    for (const CLI::App* s : subs) names.push_back(s->get_name());
    const std::string suggestion = closest_name(arg, names);
    std::string message = "unknown command '" + path + arg + "'";
    if (!suggestion.empty()) return message + "; did you mean '" + path + suggestion + "'?";
    std::vector<std::string> visible;
    for (const CLI::App* s : subs) {
      if (!s->get_group().empty()) visible.push_back(path + s->get_name());
    }
    return message + "; the commands are: " + join(visible, ", ");
  }
  return "";
}

const CLI::App& selected_command(const CLI::App& app) {
  const CLI::App* current = &app;
  while (!current->get_subcommands().empty()) current = current->get_subcommands().front();
  return *current;
}

std::string man_page(const CLI::App& app) {
  std::ostringstream m;
  const std::string name = app.get_name();
  std::string description = app.get_description();
  if (description.rfind(name + ": ", 0) == 0) description.erase(0, name.size() + 2);
  m << ".\\\" Generated by `" << name << " help --man` from the program's own help; do not edit.\n";
  m << ".TH " << upper(name) << " 1 \"\" \"" << name << " " << version()
    << "\" \"User Commands\"\n";
  m << ".SH NAME\n" << roff(name) << " \\- " << roff(description) << "\n";

  std::vector<std::pair<std::string, const CLI::App*>> all;
  walk(app, "", all);
  m << ".SH SYNOPSIS\n.nf\n";
  for (const auto& [path, cmd] : all) {
    if (path.empty() || !commands_of(*cmd).empty() || cmd->get_group().empty()) continue;
    m << roff(usage_line(*cmd, name + " " + path), true) << "\n";
  }
  m << roff(name) << " \\-\\-version\n.fi\n";

  m << ".SH DESCRIPTION\n"
    << roff(name) << " " << roff(description) << ". Each command below is also described by \\fB"
    << roff(name) << " \\fICOMMAND\\fB \\-\\-help\\fR.\n";
  m << ".SH OPTIONS\n";
  roff_options(m, app);

  m << ".SH COMMANDS\n";
  for (const auto& [path, cmd] : all) {
    if (path.empty()) continue;
    m << ".SS \"" << roff(usage_line(*cmd, name + " " + path), true) << "\"\n";
    m << roff(cmd->get_description()) << "\n";
    if (!cmd->get_options().empty()) roff_options(m, *cmd);
    if (!cmd->get_footer().empty()) roff_footer(m, cmd->get_footer());
  }
  if (!app.get_footer().empty()) {
    m << ".SH \"EXIT STATUS AND EXAMPLES\"\n";
    roff_footer(m, app.get_footer());
  }
  m << ".SH \"SEE ALSO\"\n"
    << "README.md and docs/ in the source tree: the model (docs/MODEL.md), the scenario "
       "language (docs/SCENARIOS.md), the run-file layout (docs/OUTPUT.md) and sweeps "
       "(docs/SWEEPS.md).\n";
  return m.str();
}

namespace {

using CommandList = std::vector<std::pair<std::string, const CLI::App*>>;

/// Shell loop that walks the words typed so far (from index `first` up to the
/// one at `current`) and sets $cmd to the subcommand path they name.
std::string command_path_loop(const CommandList& all, const std::string& words, int first,
                              const std::string& current) {
  return "  for ((i = " + std::to_string(first) + "; i < " + current + "; i++)); do\n" +
         "    case \"$cmd|${" + words + "[i]}\" in\n" + "      " + transitions(all) +
         ") cmd=\"${cmd:+$cmd }${" + words + "[i]}\" ;;\n" + "    esac\n" + "  done\n";
}

/// Calls f(case patterns "path|--name|…", option, its choices) for every named
/// option of every command that takes a value.
template <typename F>
void for_each_valued_option(const CommandList& all, F&& f) {
  for (const auto& [path, cmd] : all) {
    for (const CLI::Option* opt : cmd->get_options()) {
      if (!opt->nonpositional() || !takes_value(*opt)) continue;
      std::vector<std::string> patterns;
      for (const std::string& n : option_names(*opt)) patterns.push_back(quoted(path + "|" + n));
      f(join(patterns, "|"), *opt, choices(*opt));
    }
  }
}

}  // namespace

std::string bash_completion(const CLI::App& app) {
  const std::string name = app.get_name();
  std::vector<std::pair<std::string, const CLI::App*>> all;
  walk(app, "", all);
  std::ostringstream s;
  s << "# bash completion for " << name << ", generated by `" << name
    << " completion bash` from the program's own help; do not edit.\n"
    << "# Load it with: source <(" << name << " completion bash)\n"
    << "_" << name << "() {\n"
    << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=\"\" cmd=\"\" i\n"
    << "  [ \"$COMP_CWORD\" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
    << command_path_loop(all, "COMP_WORDS", 1, "COMP_CWORD") << "  COMPREPLY=()\n"
    << "  case \"$cmd|$prev\" in\n";
  for_each_valued_option(all, [&](const std::string& patterns, const CLI::Option& opt,
                                  const std::vector<std::string>& values) {
    if (!values.empty()) {
      s << "    " << patterns << ")\n"
        << "      mapfile -t COMPREPLY < <(compgen -W " << quoted(join(values)) << " -- \"$cur\")\n"
        << "      return ;;\n";
    } else if (!is_file_value(opt)) {
      s << "    " << patterns << ") return ;;  # " << value_name(opt) << "\n";
    }
  });
  s << "  esac\n"
    << "  local commands=\"\" options=\"\"\n"
    << "  case \"$cmd\" in\n";
  for (const auto& [path, cmd] : all) {
    std::vector<std::string> subs, opts;
    for (const CLI::App* sub : commands_of(*cmd)) subs.push_back(sub->get_name());
    for (const CLI::Option* opt : cmd->get_options()) {
      for (const std::string& n : option_names(*opt)) opts.push_back(n);
    }
    s << "    " << quoted(path) << ") commands=" << quoted(join(subs))
      << " options=" << quoted(join(opts)) << " ;;\n";
  }
  s << "  esac\n"
    << "  if [[ $cur == -* ]]; then\n"
    << "    mapfile -t COMPREPLY < <(compgen -W \"$options\" -- \"$cur\")\n"
    << "  elif [ -n \"$commands\" ]; then\n"
    << "    mapfile -t COMPREPLY < <(compgen -W \"$commands\" -- \"$cur\")\n"
    << "  fi\n"
    << "}\n"
    << "complete -o default -F _" << name << " " << name << "\n";
  return s.str();
}

std::string zsh_completion(const CLI::App& app) {
  const std::string name = app.get_name();
  std::vector<std::pair<std::string, const CLI::App*>> all;
  walk(app, "", all);
  // _describe reads NAME:DESCRIPTION; a colon in the name must be escaped.
  auto item = [](const std::string& n, const std::string& d) {
    std::string escaped;
    for (const char c : n) escaped += c == ':' ? std::string("\\:") : std::string(1, c);
    return quoted(escaped + ":" + d);
  };
  std::ostringstream s;
  s << "#compdef " << name << "\n"
    << "# zsh completion for " << name << ", generated by `" << name
    << " completion zsh` from the program's own help; do not edit.\n"
    << "# Put it in a folder of $fpath as _" << name << ", or load it with: source <(" << name
    << " completion zsh)\n"
    << "_" << name << "() {\n"
    << "  local cmd=\"\" i\n"
    << command_path_loop(all, "words", 2, "CURRENT") << "  case \"$cmd|${words[CURRENT-1]}\" in\n";
  for_each_valued_option(all, [&](const std::string& patterns, const CLI::Option& opt,
                                  const std::vector<std::string>& values) {
    s << "    " << patterns << ") ";
    if (!values.empty()) {
      s << "compadd -- " << join(values) << "; return ;;\n";
    } else if (is_file_value(opt)) {
      s << "_files; return ;;\n";
    } else {
      s << "_message " << quoted(value_name(opt)) << "; return ;;\n";
    }
  });
  s << "  esac\n"
    << "  local -a commands options\n"
    << "  case \"$cmd\" in\n";
  for (const auto& [path, cmd] : all) {
    std::vector<std::string> subs, opts;
    for (const CLI::App* sub : commands_of(*cmd)) {
      subs.push_back(item(sub->get_name(), sub->get_description()));
    }
    for (const CLI::Option* opt : cmd->get_options()) {
      for (const std::string& n : option_names(*opt))
        opts.push_back(item(n, opt->get_description()));
    }
    s << "    " << quoted(path) << ")\n"
      << "      commands=(" << join(subs) << ")\n"
      << "      options=(" << join(opts) << ") ;;\n";
  }
  s << "  esac\n"
    << "  if [[ $PREFIX == -* ]]; then\n"
    << "    _describe -t options option options\n"
    << "  elif (( ${#commands} )); then\n"
    << "    _describe -t commands command commands\n"
    << "  else\n"
    << "    _files\n"
    << "  fi\n"
    << "}\n"
    << "if [ \"${funcstack[1]}\" = _" << name << " ]; then\n"
    << "  _" << name << " \"$@\"\n"
    << "else\n"
    << "  compdef _" << name << " " << name << "\n"
    << "fi\n";
  return s.str();
}

void register_help_commands(CLI::App& app, Action& action) {
  auto words = std::make_shared<std::vector<std::string>>();
  auto man = std::make_shared<bool>(false);
  CLI::App* help = app.add_subcommand("help", "Show the help of the program or of one command");
  help->add_option("command", *words, "The command, for example: run, or sweep plan");
  help->add_flag("--man", *man, "Print the man page (roff) instead");
  help->footer(help_footer(
      {"clustersim help run", "clustersim help sweep plan", "clustersim help --man | man -l -"},
      {{kExitOk, "the help was printed"}, {kExitInvalidInput, "unknown command"}}));
  help->callback([&app, words, man, &action] {
    action = [&app, words, man] {
      if (*man) {
        std::cout << man_page(app);
        return kExitOk;
      }
      if (const std::string m = unknown_command_message(app, *words); !m.empty()) {
        std::fprintf(stderr, "%s: %s\n", app.get_name().c_str(), m.c_str());
        return kExitInvalidInput;
      }
      const CLI::App* target = &app;
      std::string prefix;
      for (const std::string& w : *words) {
        prefix += (prefix.empty() ? "" : " ") + target->get_name();
        target = target->get_subcommand(w);
      }
      std::cout << target->get_formatter()->make_help(
          target, prefix.empty() ? target->get_name() : prefix + " " + target->get_name(),
          CLI::AppFormatMode::Normal);
      return kExitOk;
    };
  });

  auto shell = std::make_shared<std::string>();
  CLI::App* completion =
      app.add_subcommand("completion", "Print a shell completion script for bash or zsh");
  completion->add_option("shell", *shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  completion->footer(help_footer(
      {"source <(clustersim completion bash)   # in ~/.bashrc",
       "clustersim completion zsh > ~/.zfunc/_clustersim   # a folder in $fpath"},
      {{kExitOk, "the script was printed"}, {kExitInvalidInput, "SHELL is not bash or zsh"}}));
  completion->callback([&app, shell, &action] {
    action = [&app, shell] {
      std::cout << (*shell == "bash" ? bash_completion(app) : zsh_completion(app));
      return kExitOk;
    };
  });
}

}  // namespace clustersim::cli
