#include "realtime/websocket/FrameWriter.hpp"

#include "realtime/websocket/Masking.hpp"

#include <array>
#include <stdexcept>

namespace ocomms::realtime::websocket {
namespace {

constexpr std::size_t kMaxHeaderBytes = 14;

void appendBigEndian(std::string& out, std::uint64_t value, std::size_t count) {
    for (std::size_t i = count; i-- > 0;) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

void requireSendableControlFrame(Opcode opcode, std::size_t payloadSize, bool fin) {
    if (!isControl(opcode)) return;
    if (!fin) throw std::invalid_argument("websocket: a control frame cannot be fragmented");
    if (payloadSize > kMaxControlPayload) throw std::invalid_argument("websocket: control frame payload over 125 bytes");
}

bool isContinuationByte(char c) {
    return (static_cast<std::uint8_t>(c) & 0xC0) == 0x80;
}

}  // namespace

void appendFrameHeader(std::string& out, const FrameHeader& header) {
    const auto fin = static_cast<std::uint8_t>(header.fin ? 0x80 : 0x00);
    const auto reserved = static_cast<std::uint8_t>((header.reservedBits & 0x7) << 4);
    out.push_back(static_cast<char>(fin | reserved | static_cast<std::uint8_t>(header.opcode)));

    const auto mask = static_cast<std::uint8_t>(header.masked ? 0x80 : 0x00);
    if (header.payloadLength <= kMaxControlPayload) {
        out.push_back(static_cast<char>(mask | header.payloadLength));
    } else if (header.payloadLength <= 0xFFFF) {
        out.push_back(static_cast<char>(mask | 126));
        appendBigEndian(out, header.payloadLength, 2);
    } else {
        out.push_back(static_cast<char>(mask | 127));
        appendBigEndian(out, header.payloadLength, 8);
    }
    if (header.masked) out.append(reinterpret_cast<const char*>(header.maskKey.data()), header.maskKey.size());
}

void appendFrame(std::string& out, Opcode opcode, std::string_view payload, bool fin) {
    requireSendableControlFrame(opcode, payload.size(), fin);
    out.reserve(out.size() + kMaxHeaderBytes + payload.size());
    appendFrameHeader(out, FrameHeader{fin, 0, opcode, false, payload.size(), {}});
    out.append(payload);
}

void appendCloseFrame(std::string& out, std::uint16_t code, std::string_view reason) {
    std::array<char, kMaxControlPayload> payload{};
    payload[0] = static_cast<char>(code >> 8);
    payload[1] = static_cast<char>(code & 0xFF);
    const std::string_view fitted = truncateUtf8(reason, payload.size() - 2);
    fitted.copy(payload.data() + 2, fitted.size());
    appendFrame(out, Opcode::Close, std::string_view(payload.data(), 2 + fitted.size()));
}

std::string encodeFrame(Opcode opcode, std::string_view payload, bool fin) {
    std::string out;
    appendFrame(out, opcode, payload, fin);
    return out;
}

std::string textFrame(std::string_view text) { return encodeFrame(Opcode::Text, text); }
std::string binaryFrame(std::string_view bytes) { return encodeFrame(Opcode::Binary, bytes); }
std::string pingFrame(std::string_view payload) { return encodeFrame(Opcode::Ping, payload); }
std::string pongFrame(std::string_view payload) { return encodeFrame(Opcode::Pong, payload); }

std::string closeFrame(std::uint16_t code, std::string_view reason) {
    std::string out;
    appendCloseFrame(out, code, reason);
    return out;
}

std::string encodeMaskedFrame(Opcode opcode, std::string_view payload, bool fin, const MaskKey& mask) {
    requireSendableControlFrame(opcode, payload.size(), fin);
    std::string out;
    out.reserve(kMaxHeaderBytes + payload.size());
    appendFrameHeader(out, FrameHeader{fin, 0, opcode, true, payload.size(), mask});
    const std::size_t payloadStart = out.size();
    out.resize(payloadStart + payload.size());
    applyMask(payload.data(), out.data() + payloadStart, payload.size(), mask, 0);
    return out;
}

std::string_view truncateUtf8(std::string_view text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) return text;
    std::size_t end = maxBytes;
    while (end > 0 && isContinuationByte(text[end])) --end;
    return text.substr(0, end);
}

}  // namespace ocomms::realtime::websocket
