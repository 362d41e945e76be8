#include "OcommsSetup.hpp"

#include "MessageText.hpp"
#include "RestClient.hpp"

#include <unistd.h>

#include <iostream>
#include <stdexcept>

namespace ocomms::bench {
namespace {

std::string ownerToken(RestClient& api, const LoadOptions& options) {
    const auto registered = api.call("POST", "/api/auth/register",
                                     {{"email", options.ownerEmail}, {"password", options.password},
                                      {"display_name", "Bench owner"}, {"org_slug", options.orgSlug},
                                      {"org_name", "Benchmark"}});
    if (registered.status == 201) return registered.body.at("token").get<std::string>();
    // Not a fresh instance: an earlier run registered the owner.
    const auto signedIn = api.call("POST", "/api/auth/login", {{"email", options.ownerEmail}, {"password", options.password}});
    if (signedIn.status == 200) return signedIn.body.at("token").get<std::string>();
    throw std::runtime_error("cannot register nor sign in " + options.ownerEmail + ": register answered " +
                             std::to_string(registered.status) + " " + registered.body.dump() + ", login " +
                             std::to_string(signedIn.status) + " " + signedIn.body.dump());
}

std::string invitedMemberToken(RestClient& api, const LoadOptions& options, const std::string& ownerToken,
                               const std::string& email) {
    const auto invite = api.expect(201, "POST", "/api/orgs/" + options.orgSlug + "/invites", {{"role", "member"}}, ownerToken);
    const auto session = api.expect(201, "POST", "/api/auth/register",
                                    {{"email", email}, {"password", options.password}, {"display_name", "Bench user"},
                                     {"invite", invite.at("token")}});
    return session.at("token").get<std::string>();
}

void join(RestClient& api, std::int64_t channelId, const std::string& token) {
    const std::string path = "/api/channels/" + std::to_string(channelId) + "/join";
    const auto reply = api.call("POST", path, nullptr, token);
    // 409: already a member (the channel's creator).
    if ((reply.status < 200 || reply.status > 299) && reply.status != 409) {
        throw std::runtime_error("POST " + path + ": got " + std::to_string(reply.status) + " " + reply.body.dump());
    }
}

}  // namespace

Workload ocommsWorkload(const LoadOptions& options) {
    Workload workload = anonymousWorkload(options);
    workload.connectionsPerUser = options.connectionsPerUser;
    RestClient api(options.host, options.port);
    // Names unique to this run, so that runs can follow each other on one instance.
    const std::string run = std::to_string(getpid()) + "-" + std::to_string(monotonicNanoseconds() / 1'000'000 % 1'000'000);

    std::cerr << "[loadgen] setting up " << workload.userCount() << " users and " << options.channels << " channels\n";
    workload.userTokens.push_back(ownerToken(api, options));
    for (std::size_t user = 1; user < workload.userCount(); ++user) {
        const std::string email = "bench-" + run + "-" + std::to_string(user) + "@example.com";
        workload.userTokens.push_back(invitedMemberToken(api, options, workload.userTokens.front(), email));
    }
    for (std::size_t channel = 0; channel < options.channels; ++channel) {
        const auto created = api.expect(201, "POST", "/api/orgs/" + options.orgSlug + "/channels",
                                        {{"name", "bench-" + run + "-" + std::to_string(channel)}, {"kind", "public"}},
                                        workload.userTokens.front());
        workload.channelIds[channel] = created.at("id").get<std::int64_t>();
    }
    for (std::size_t user = 0; user < workload.userCount(); ++user) {
        const std::size_t first = user * workload.connectionsPerUser;
        const std::size_t last = std::min(first + workload.connectionsPerUser, workload.connections) - 1;
        for (std::size_t channel = workload.channelOf(first); channel <= workload.channelOf(last); ++channel) {
            join(api, workload.channelIds[channel], workload.userTokens[user]);
        }
    }
    return workload;
}

}  // namespace ocomms::bench
