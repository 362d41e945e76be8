#include "realtime/websocket/FrameParser.hpp"

#include "realtime/websocket/Masking.hpp"

#include <algorithm>
#include <cstring>

namespace ocomms::realtime::websocket {
namespace {

// A delivered message's buffer is kept for the next one only up to this size: an idle connection
// should not keep holding the memory of the largest message it ever received.
constexpr std::size_t kRetainedMessageCapacity = 4096;

constexpr std::uint8_t kSixteenBitLength = 126;
constexpr std::uint8_t kSixtyFourBitLength = 127;

std::uint64_t readBigEndian(const std::uint8_t* bytes, std::size_t count) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < count; ++i) value = (value << 8) | bytes[i];
    return value;
}

bool isWellFormedUtf8(std::string_view text) {
    Utf8Validator validator;
    return validator.feed(text) && validator.complete();
}

}  // namespace

std::optional<FrameEvent> FrameParser::next(std::string_view& input) {
    releaseDeliveredMessage();
    while (stage_ != Stage::Stopped) {
        if (stage_ == Stage::Header) {
            if (input.empty()) return std::nullopt;
            if (auto error = readHeader(input)) return error;
            continue;
        }
        if (payloadBytesRead_ < frame_.payloadLength) {
            if (input.empty()) return std::nullopt;
            if (auto error = readPayload(input)) return error;
            continue;
        }
        stage_ = Stage::Header;
        if (auto event = finishFrame()) return event;
    }
    return std::nullopt;
}

std::optional<FrameEvent> FrameParser::readHeader(std::string_view& input) {
    const auto take = std::min<std::size_t>(headerBytesNeeded_ - headerBytesRead_, input.size());
    std::memcpy(headerBytes_.data() + headerBytesRead_, input.data(), take);
    headerBytesRead_ = static_cast<std::uint8_t>(headerBytesRead_ + take);
    input.remove_prefix(take);
    if (headerBytesRead_ < headerBytesNeeded_) return std::nullopt;
    // The first two bytes are judged before the rest is read, so that a bad frame fails early.
    if (headerBytesNeeded_ == 2) return checkFirstTwoHeaderBytes();
    return checkCompleteHeader();
}

std::optional<FrameEvent> FrameParser::checkFirstTwoHeaderBytes() {
    const std::uint8_t first = headerBytes_[0];
    const std::uint8_t second = headerBytes_[1];
    frame_.fin = (first & 0x80) != 0;
    frame_.reservedBits = static_cast<std::uint8_t>((first >> 4) & 0x7);
    frame_.masked = (second & 0x80) != 0;
    const auto opcodeValue = static_cast<std::uint8_t>(first & 0x0F);
    const auto shortLength = static_cast<std::uint8_t>(second & 0x7F);

    if (frame_.reservedBits != 0) return fail(CloseCode::ProtocolError, "reserved bits set without an extension");
    if (!isKnownOpcode(opcodeValue)) return fail(CloseCode::ProtocolError, "unknown opcode");
    frame_.opcode = static_cast<Opcode>(opcodeValue);
    if (isControl(frame_.opcode)) {
        if (!frame_.fin) return fail(CloseCode::ProtocolError, "fragmented control frame");
        if (shortLength > kMaxControlPayload) return fail(CloseCode::ProtocolError, "control frame over 125 bytes");
    } else if (frame_.opcode == Opcode::Continuation) {
        if (!messageInProgress()) return fail(CloseCode::ProtocolError, "continuation frame without a message");
    } else if (messageInProgress()) {
        return fail(CloseCode::ProtocolError, "new message before the previous one finished");
    }
    if (!frame_.masked) return fail(CloseCode::ProtocolError, "client frame not masked");

    std::uint8_t lengthBytes = 0;
    if (shortLength == kSixteenBitLength) lengthBytes = 2;
    if (shortLength == kSixtyFourBitLength) lengthBytes = 8;
    headerBytesNeeded_ = static_cast<std::uint8_t>(2 + lengthBytes + frame_.maskKey.size());
    return std::nullopt;
}

std::optional<FrameEvent> FrameParser::checkCompleteHeader() {
    const auto shortLength = static_cast<std::uint8_t>(headerBytes_[1] & 0x7F);
    std::size_t position = 2;
    if (shortLength == kSixteenBitLength) {
        frame_.payloadLength = readBigEndian(&headerBytes_[position], 2);
        position += 2;
        if (frame_.payloadLength < kSixteenBitLength) return fail(CloseCode::ProtocolError, "length not minimally encoded");
    } else if (shortLength == kSixtyFourBitLength) {
        frame_.payloadLength = readBigEndian(&headerBytes_[position], 8);
        position += 8;
        if ((frame_.payloadLength >> 63) != 0) return fail(CloseCode::ProtocolError, "64-bit length with the top bit set");
        if (frame_.payloadLength <= 0xFFFF) return fail(CloseCode::ProtocolError, "length not minimally encoded");
    } else {
        frame_.payloadLength = shortLength;
    }
    std::copy_n(&headerBytes_[position], frame_.maskKey.size(), frame_.maskKey.begin());

    if (!isControl(frame_.opcode)) {
        const std::uint64_t alreadyAssembled = frame_.opcode == Opcode::Continuation ? message_.size() : 0;
        if (frame_.payloadLength > maxMessageBytes_ - alreadyAssembled) {
            return fail(CloseCode::MessageTooBig, "message too big");
        }
        if (frame_.opcode != Opcode::Continuation) {
            messageOpcode_ = frame_.opcode;
            messageUtf8_.reset();
        }
    }
    headerBytesRead_ = 0;
    headerBytesNeeded_ = 2;
    payloadBytesRead_ = 0;
    stage_ = Stage::Payload;
    return std::nullopt;
}

std::optional<FrameEvent> FrameParser::readPayload(std::string_view& input) {
    const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(frame_.payloadLength - payloadBytesRead_, input.size()));
    char* destination = nullptr;
    if (isControl(frame_.opcode)) {
        destination = controlPayload_.data() + payloadBytesRead_;
    } else {
        // No reserve() from the announced length: a client could then make us allocate up to the limit
        // by sending headers alone. The string grows geometrically with what actually arrives.
        const std::size_t assembled = message_.size();
        message_.resize(assembled + count);
        destination = message_.data() + assembled;
    }
    applyMask(input.data(), destination, count, frame_.maskKey, payloadBytesRead_);
    payloadBytesRead_ += count;
    input.remove_prefix(count);

    if (messageOpcode_ == Opcode::Text && !isControl(frame_.opcode) && !messageUtf8_.feed({destination, count})) {
        return fail(CloseCode::InvalidPayload, "invalid UTF-8 in a text message");
    }
    return std::nullopt;
}

std::optional<FrameEvent> FrameParser::finishFrame() {
    const std::string_view control(controlPayload_.data(), isControl(frame_.opcode) ? frame_.payloadLength : 0);
    switch (frame_.opcode) {
        case Opcode::Ping: return FrameEvent{FrameEvent::Kind::Ping, control, 0};
        case Opcode::Pong: return FrameEvent{FrameEvent::Kind::Pong, control, 0};
        case Opcode::Close: return finishCloseFrame();
        case Opcode::Text:
        case Opcode::Binary:
        case Opcode::Continuation: break;
    }
    if (!frame_.fin) return std::nullopt;
    if (messageOpcode_ == Opcode::Text && !messageUtf8_.complete()) {
        return fail(CloseCode::InvalidPayload, "text message ends inside a UTF-8 sequence");
    }
    const auto kind = messageOpcode_ == Opcode::Text ? FrameEvent::Kind::Text : FrameEvent::Kind::Binary;
    messageOpcode_ = Opcode::Continuation;
    messageDelivered_ = true;
    return FrameEvent{kind, message_, 0};
}

FrameEvent FrameParser::finishCloseFrame() {
    const std::string_view payload(controlPayload_.data(), frame_.payloadLength);
    if (payload.size() == 1) return fail(CloseCode::ProtocolError, "close payload of one byte");
    std::uint16_t code = CloseCode::NoStatusReceived;
    std::string_view reason;
    if (!payload.empty()) {
        code = static_cast<std::uint16_t>(readBigEndian(reinterpret_cast<const std::uint8_t*>(payload.data()), 2));
        if (!isValidReceivedCloseCode(code)) return fail(CloseCode::ProtocolError, "invalid close code");
        reason = payload.substr(2);
        if (!isWellFormedUtf8(reason)) return fail(CloseCode::InvalidPayload, "close reason is not valid UTF-8");
    }
    stage_ = Stage::Stopped;
    return FrameEvent{FrameEvent::Kind::Close, reason, code};
}

FrameEvent FrameParser::fail(std::uint16_t closeCode, std::string_view reason) {
    stage_ = Stage::Stopped;
    std::string().swap(message_);
    return FrameEvent{FrameEvent::Kind::ProtocolError, reason, closeCode};
}

void FrameParser::releaseDeliveredMessage() {
    if (!messageDelivered_) return;
    messageDelivered_ = false;
    if (message_.capacity() > kRetainedMessageCapacity) {
        std::string().swap(message_);
    } else {
        message_.clear();
    }
}

}  // namespace ocomms::realtime::websocket
