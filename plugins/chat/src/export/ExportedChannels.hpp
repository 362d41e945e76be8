// What the chat entities share in an export or import: the kinds of export ids, the organization's
// channels in export order, pages of sequence numbers, and finding an imported message by its natural key.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <ocomms/org_data.hpp>

namespace ocomms::chat {

inline constexpr const char* kUserKind = "user";
inline constexpr const char* kChannelKind = "chat.channel";

/// Messages (and their reactions and mentions) are read this many sequence numbers at a time, so that no
/// result set grows with the channel.
inline constexpr std::int64_t kSeqPage = 1000;

struct ExportedChannel {
    std::int64_t id = 0;
    std::int64_t maxSeq = 0;  ///< of its messages in the snapshot; 0 without any
};

/// The organization's channels by id (the order chat.channels is written in), with their highest seq.
std::vector<ExportedChannel> channelsOf(orgdata::ExportSource& source);

/// The condition that selects one page of a channel's messages (table alias `m`), bound to a SeqPage.
inline constexpr const char* kSeqPageCondition =
    " WHERE m.channel_id = :channel AND m.seq > :after AND m.seq <= :up_to";

/// The same page for rows of another table that name their message in `messageIdColumn` (reactions,
/// mentions), bound to a SeqPage, and the message's seq as a column (`message_seq`). Neither is a join:
/// the page's ids are looked up first, then the rows through the column's index and each seq through
/// the primary key. Given a join, PostgreSQL's planner may hash it over a scan of a whole table for
/// every page, which makes an export quadratic in the organization's size.
std::string seqPageOfMessages(Dialect dialect, const std::string& messageIdColumn);
std::string messageSeqOf(const std::string& messageIdColumn);

/// The values a query with kSeqPageCondition is bound to: use(channel), use(after), use(upTo), in order.
struct SeqPage {
    long long channel = 0;
    long long after = 0;
    long long upTo = 0;
};

/// Runs `select` over every page (after, upTo] of sequence numbers of every channel, calling
/// write(channel's export id) for each row fetched.
template <typename Write>
void forEachPageRow(orgdata::ExportSource& source, soci::statement& select, SeqPage& page, Write&& write) {
    for (const auto& exported : channelsOf(source)) {
        page.channel = exported.id;
        const auto channelId = source.ids.of(kChannelKind, exported.id);
        for (page.after = 0; page.after < exported.maxSeq; page.after += kSeqPage) {
            page.upTo = std::min<long long>(page.after + kSeqPage, exported.maxSeq);
            select.execute();
            while (select.fetch()) write(channelId);
        }
    }
}

inline nlohmann::json nullable(const std::string& value, soci::indicator indicator) {
    return indicator == soci::i_ok ? nlohmann::json(value) : nlohmann::json(nullptr);
}

/// Finds imported messages by (channel, seq) with one prepared statement.
class MessageIds {
public:
    explicit MessageIds(soci::session& sql);
    /// The message's id; throws ImportError on `field` when the channel has no such message.
    std::int64_t find(std::int64_t channelId, std::int64_t seq, const char* field);

private:
    long long channel_ = 0, seq_ = 0, id_ = 0;
    soci::statement select_;
};

}  // namespace ocomms::chat
