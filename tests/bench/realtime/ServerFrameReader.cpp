#include "ServerFrameReader.hpp"

namespace ocomms::bench {

using realtime::websocket::isControl;
using realtime::websocket::isKnownOpcode;
using realtime::websocket::Opcode;

ServerFrameReader::Header ServerFrameReader::readHeader(std::string_view input) {
    if (input.size() < 2) return {};
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(input[i]); };
    Header header;
    header.fin = (byte(0) & 0x80) != 0;
    header.opcode = byte(0) & 0x0F;
    header.masked = (byte(1) & 0x80) != 0;
    const std::uint8_t shortLength = byte(1) & 0x7F;
    const std::size_t lengthBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
    const std::size_t size = 2 + lengthBytes + (header.masked ? 4 : 0);
    if (input.size() < size) return {};
    header.payloadLength = shortLength;
    if (lengthBytes > 0) {
        header.payloadLength = 0;
        for (std::size_t i = 0; i < lengthBytes; ++i) header.payloadLength = (header.payloadLength << 8) | byte(2 + i);
    }
    header.size = size;
    return header;
}

bool ServerFrameReader::feed(std::string_view bytes, const OnMessage& onMessage) {
    if (failed_) return false;
    // Frames wholly inside `bytes` are read in place; only an incomplete tail is copied.
    std::string_view input = bytes;
    if (!pending_.empty()) {
        pending_.append(bytes);
        input = pending_;
    }
    std::size_t position = 0;
    while (true) {
        const Header header = readHeader(input.substr(position));
        if (header.size == 0 || input.size() - position - header.size < header.payloadLength) break;
        const auto payload = input.substr(position + header.size, static_cast<std::size_t>(header.payloadLength));
        position += header.size + payload.size();
        if (!deliver(header, payload, onMessage)) {
            failed_ = true;
            pending_.clear();
            return false;
        }
    }
    if (pending_.empty()) pending_.assign(input.substr(position));
    else pending_.erase(0, position);
    return true;
}

bool ServerFrameReader::deliver(const Header& header, std::string_view payload, const OnMessage& onMessage) {
    if (header.masked || !isKnownOpcode(header.opcode)) return false;
    const auto opcode = static_cast<Opcode>(header.opcode);
    if (isControl(opcode)) {
        if (!header.fin) return false;
        onMessage(ServerMessage{opcode, payload});
        return true;
    }
    const bool continuing = fragmentedOpcode_ != Opcode::Continuation;
    if ((opcode == Opcode::Continuation) != continuing) return false;
    if (!continuing && header.fin) {
        onMessage(ServerMessage{opcode, payload});
        return true;
    }
    if (!continuing) fragmentedOpcode_ = opcode;
    fragments_.append(payload);
    if (header.fin) {
        onMessage(ServerMessage{fragmentedOpcode_, fragments_});
        fragments_.clear();
        fragmentedOpcode_ = Opcode::Continuation;
    }
    return true;
}

}  // namespace ocomms::bench
