#include "support/ServerFrameReader.hpp"

#include "realtime/websocket/Masking.hpp"

namespace ocomms::test {

using realtime::websocket::CloseCode;
using realtime::websocket::Opcode;

std::uint16_t ReceivedFrame::closeCode() const {
    if (payload.size() < 2) return CloseCode::NoStatusReceived;
    return static_cast<std::uint16_t>((static_cast<std::uint8_t>(payload[0]) << 8) | static_cast<std::uint8_t>(payload[1]));
}

std::string ReceivedFrame::closeReason() const { return payload.size() > 2 ? payload.substr(2) : std::string(); }

std::optional<ReceivedFrame> ServerFrameReader::next() {
    if (buffer_.size() < 2) return std::nullopt;
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(buffer_[i]); };
    ReceivedFrame frame;
    frame.fin = (byte(0) & 0x80) != 0;
    frame.opcode = static_cast<Opcode>(byte(0) & 0x0F);
    frame.masked = (byte(1) & 0x80) != 0;
    std::uint64_t length = byte(1) & 0x7F;
    std::size_t headerSize = 2;
    const std::size_t lengthBytes = length == 126 ? 2 : length == 127 ? 8 : 0;
    if (buffer_.size() < headerSize + lengthBytes) return std::nullopt;
    if (lengthBytes > 0) {
        length = 0;
        for (std::size_t i = 0; i < lengthBytes; ++i) length = (length << 8) | byte(2 + i);
        headerSize += lengthBytes;
    }
    realtime::websocket::MaskKey mask{};
    if (frame.masked) {
        if (buffer_.size() < headerSize + mask.size()) return std::nullopt;
        for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = byte(headerSize + i);
        headerSize += mask.size();
    }
    if (buffer_.size() - headerSize < length) return std::nullopt;
    frame.payload = buffer_.substr(headerSize, static_cast<std::size_t>(length));
    if (frame.masked) realtime::websocket::applyMask(frame.payload.data(), frame.payload.data(), frame.payload.size(), mask, 0);
    buffer_.erase(0, headerSize + static_cast<std::size_t>(length));
    return frame;
}

}  // namespace ocomms::test
