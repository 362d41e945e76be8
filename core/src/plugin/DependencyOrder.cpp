#include "plugin/DependencyOrder.hpp"

#include <algorithm>
#include <functional>

namespace ocomms::plugin {

std::vector<std::string> dependencyOrder(const std::vector<std::string>& order,
                                         const std::map<std::string, std::vector<std::string>>& requirements) {
    for (const auto& name : order) {
        const auto it = requirements.find(name);
        if (it == requirements.end()) continue;
        for (const auto& required : it->second) {
            if (std::find(order.begin(), order.end(), required) == order.end())
                throw DependencyError("plugin '" + name + "' requires '" + required + "', which is not enabled");
        }
    }

    enum class Mark { None, Visiting, Done };
    std::map<std::string, Mark> marks;
    std::vector<std::string> path;
    std::vector<std::string> result;

    std::function<void(const std::string&)> visit = [&](const std::string& name) {
        auto& mark = marks[name];
        if (mark == Mark::Done) return;
        if (mark == Mark::Visiting) {
            auto start = std::find(path.begin(), path.end(), name);
            std::string cycle;
            for (auto it = start; it != path.end(); ++it) cycle += *it + " -> ";
            throw DependencyError("plugins require each other in a cycle: " + cycle + name);
        }
        mark = Mark::Visiting;
        path.push_back(name);
        if (const auto it = requirements.find(name); it != requirements.end())
            for (const auto& required : it->second) visit(required);
        path.pop_back();
        marks[name] = Mark::Done;
        result.push_back(name);
    };
    for (const auto& name : order) visit(name);
    return result;
}

}  // namespace ocomms::plugin
