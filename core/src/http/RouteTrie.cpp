#include "http/RouteTrie.hpp"

namespace ocomms::http {

const RouteEntry* RouteTrie::Node::routeFor(Method method) const {
    if (auto it = routes.find(method); it != routes.end()) return &it->second;
    if (method == Method::Head) return routeFor(Method::Get);
    return nullptr;
}

const RouteEntry* RouteTrie::find(const std::vector<PatternSegment>& shape, Method method) const {
    const Node* node = &root_;
    for (const PatternSegment& segment : shape) {
        if (segment.isParameter) {
            node = node->parameter.get();
        } else {
            auto it = node->literals.find(segment.text);
            node = it == node->literals.end() ? nullptr : it->second.get();
        }
        if (node == nullptr) return nullptr;
    }
    auto it = node->routes.find(method);
    return it == node->routes.end() ? nullptr : &it->second;
}

void RouteTrie::insert(const std::vector<PatternSegment>& shape, Method method, RouteEntry entry) {
    Node* node = &root_;
    for (const PatternSegment& segment : shape) {
        std::unique_ptr<Node>& child = segment.isParameter ? node->parameter : node->literals[segment.text];
        if (!child) child = std::make_unique<Node>();
        node = child.get();
    }
    node->routes.insert_or_assign(method, std::move(entry));
}

void RouteTrie::removeOwner(std::string_view owner) { prune(root_, owner); }

void RouteTrie::prune(Node& node, std::string_view owner) {
    std::erase_if(node.routes, [&](const auto& route) { return route.second.owner == owner; });
    for (auto it = node.literals.begin(); it != node.literals.end();) {
        prune(*it->second, owner);
        it = it->second->empty() ? node.literals.erase(it) : std::next(it);
    }
    if (node.parameter) {
        prune(*node.parameter, owner);
        if (node.parameter->empty()) node.parameter.reset();
    }
}

RouteTrie::Match RouteTrie::match(std::span<const std::string_view> segments, Method method) const {
    Match result;
    if (search(root_, segments, method, result)) result.allowed.clear();
    return result;
}

bool RouteTrie::search(const Node& node, std::span<const std::string_view> rest, Method method, Match& result) {
    if (rest.empty()) {
        if (const RouteEntry* entry = node.routeFor(method)) {
            result.entry = entry;
            return true;
        }
        for (const auto& [registered, route] : node.routes) {
            result.allowed.insert(registered);
            if (registered == Method::Get) result.allowed.insert(Method::Head);
        }
        return false;
    }

    const std::string_view segment = rest.front();
    if (auto it = node.literals.find(segment); it != node.literals.end()) {
        if (search(*it->second, rest.subspan(1), method, result)) return true;
    }
    if (node.parameter && !segment.empty()) {
        result.parameterValues.push_back(segment);
        if (search(*node.parameter, rest.subspan(1), method, result)) return true;
        result.parameterValues.pop_back();
    }
    return false;
}

}  // namespace ocomms::http
