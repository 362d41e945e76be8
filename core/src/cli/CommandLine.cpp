#include "cli/CommandLine.hpp"

#include <cstdlib>
#include <sstream>

namespace ocomms::cli {
namespace {

struct OptionSpec {
    std::string flag;
    std::string valueName;
    bool required;
    std::string description;
};

struct CommandSpec {
    std::string name;
    std::string summary;
    std::vector<OptionSpec> options;
};

const OptionSpec kConfigOption{"--config", "FILE", true, "the YAML configuration (default: $OCOMMS_CONFIG)"};

const std::vector<CommandSpec>& commands() {
    static const std::vector<CommandSpec> specs = {
        {"serve", "Run the server until SIGINT or SIGTERM.",
         {kConfigOption, {"--listen", "HOST:PORT", false, "listen here instead of server.listen"}}},
        {"config check", "Validate the configuration and the plugins' settings; print every problem.", {kConfigOption}},
        {"migrate", "Apply pending database migrations of the core and every enabled plugin.", {kConfigOption}},
        {"plugins list", "Show each plugin: name, version, SDK API version, file, enabled, and whether it loads.",
         {kConfigOption}},
        {"export",
         "Export an organization (its members and users, and every plugin's data) to a new folder "
         "DIR/ocomms-export-SLUG-TIME with one JSON Lines file per entity and a manifest (docs/export-format.md).",
         {kConfigOption,
          {"--org", "SLUG", true, "the organization to export"},
          {"--out", "DIR", true, "where to create the export's folder (created when missing)"}}},
        {"import",
         "Import an export folder as a new organization, in one transaction: checked completely first; users "
         "whose email exists here are linked, the others must have a password set (admin reset-password).",
         {kConfigOption,
          {"--in", "DIR", true, "the export's folder (the one holding manifest.json)"},
          {"--as-slug", "SLUG", false, "the new organization's slug, when the exported one is taken here"}}},
        {"admin create-org",
         "Create an organization owned by a user; a new user's password is read from standard input when it "
         "is not a terminal, else generated and printed once.",
         {kConfigOption,
          {"--slug", "SLUG", true, "the organization's slug (a-z, 0-9, '-')"},
          {"--name", "NAME", true, "the organization's name"},
          {"--owner-email", "EMAIL", true, "its owner; created when there is no such user"}}},
        {"admin reset-password",
         "Set a user's password (from standard input when it is not a terminal, else generated and printed "
         "once) and sign them out everywhere.",
         {kConfigOption, {"--email", "EMAIL", true, "the user"}}},
        {"admin list-users", "List every user: id, email, name, instance admin, created, deactivated.", {kConfigOption}},
        {"admin deactivate-user", "Deactivate a user: they can no longer sign in, and every session ends.",
         {kConfigOption, {"--email", "EMAIL", true, "the user"}}},
    };
    return specs;
}

const CommandSpec* findCommand(const std::string& name) {
    for (const auto& spec : commands())
        if (spec.name == name) return &spec;
    return nullptr;
}

}  // namespace

Invocation parseCommandLine(const std::vector<std::string>& args) {
    Invocation inv;
    std::size_t i = 0;
    // The command is one or two words: take the longest that names a command.
    if (i < args.size() && args[i].rfind("-", 0) != 0) {
        std::string one = args[i];
        std::string two = i + 1 < args.size() ? one + " " + args[i + 1] : "";
        if (!two.empty() && findCommand(two)) {
            inv.command = two;
            i += 2;
        } else if (findCommand(one)) {
            inv.command = one;
            i += 1;
        } else {
            bool isGroup = false;
            for (const auto& spec : commands()) isGroup = isGroup || spec.name.rfind(one + " ", 0) == 0;
            if (isGroup && i + 1 >= args.size()) {
                inv.command = one;  // "ocomms config": show what the group offers
                inv.help = true;
                return inv;
            }
            throw UsageError("unknown command '" + (isGroup && i + 1 < args.size() ? two : one) + "'");
        }
    }

    const CommandSpec* spec = inv.command.empty() ? nullptr : findCommand(inv.command);
    for (; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "--help" || arg == "-h") {
            inv.help = true;
            continue;
        }
        if (arg == "--version" && spec == nullptr) {
            inv.version = true;
            continue;
        }
        std::string value;
        bool inlineValue = false;
        if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            inlineValue = true;
        }
        const OptionSpec* option = nullptr;
        if (spec)
            for (const auto& o : spec->options)
                if (o.flag == arg) option = &o;
        if (option == nullptr) {
            if (spec == nullptr) throw UsageError(arg.rfind("-", 0) == 0 ? "unknown option '" + arg + "'" : "unknown command '" + arg + "'");
            throw UsageError("unknown option '" + arg + "' for '" + inv.command + "'");
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) throw UsageError(arg + " needs a value (" + option->valueName + ")");
            value = args[++i];
        }
        if (value.empty()) throw UsageError(arg + " needs a value (" + option->valueName + ")");
        inv.options[arg] = value;
    }
    if (inv.help || inv.version) return inv;
    if (spec == nullptr) throw UsageError("no command given");

    if (!inv.options.count("--config"))
        if (const char* env = std::getenv("OCOMMS_CONFIG"); env != nullptr && *env != '\0') inv.options["--config"] = env;
    for (const auto& o : spec->options)
        if (o.required && !inv.options.count(o.flag))
            throw UsageError("'" + inv.command + "' needs " + o.flag + " " + o.valueName);
    return inv;
}

std::string helpText(const std::string& command) {
    std::ostringstream out;
    if (const CommandSpec* spec = findCommand(command)) {
        out << "Usage: ocomms " << spec->name;
        for (const auto& o : spec->options)
            out << (o.required ? " " : " [") << o.flag << ' ' << o.valueName << (o.required ? "" : "]");
        out << "\n\n" << spec->summary << "\n\nOptions:\n";
        for (const auto& o : spec->options) {
            std::string left = "  " + o.flag + " " + o.valueName;
            left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
            out << left << o.description << '\n';
        }
        out << "  --help                show this help\n";
        return out.str();
    }
    out << "OComms " << OCOMMS_VERSION << ": a self-hosted team chat server, built as a plugin host.\n\n"
        << "Usage: ocomms COMMAND [OPTIONS]\n\nCommands:\n";
    for (const auto& spec : commands()) {
        if (!command.empty() && spec.name.rfind(command + " ", 0) != 0) continue;
        std::string left = "  " + spec.name;
        left.resize(std::max<std::size_t>(left.size() + 2, 18), ' ');
        out << left << spec.summary << '\n';
    }
    out << "\nOptions:\n  --help          show help (also after a command)\n  --version       show the version\n"
        << "\nExit codes: 0 success, 1 runtime failure, 2 usage or configuration error.\n"
        << "Run 'ocomms COMMAND --help' for a command's options.\n";
    return out.str();
}

}  // namespace ocomms::cli
