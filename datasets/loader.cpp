// Reading the bytes: files, standard input, syntax errors with line:column.
#include "datasets/loader.hpp"

#include <rapidjson/reader.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "datasets/build.hpp"
#include "datasets/reader.hpp"

namespace chokepoint {

DatasetError::DatasetError(std::vector<std::string> messages)
    : std::runtime_error(messages.empty() ? std::string() : messages.front()),
      messages_(std::move(messages)) {}

namespace {

// A RapidJSON input stream over a FILE* or a memory block. Syntax errors are located by line and
// column (in code points) without keeping the document: files and memory are scanned again up
// to the error; standard input, which cannot be re-read, is counted as it goes.
class CountingStream {
public:
    using Ch = char;
    CountingStream(std::FILE* file, std::string_view mem, bool count_as_read)
        : file_(file), mem_(mem), count_(count_as_read) {
        if (!file_) {
            begin_ = cur_ = mem_.data();
            end_ = cur_ + mem_.size();
        }
    }
    Ch Peek() {
        if (cur_ == end_ && !refill()) return '\0';
        return *cur_;
    }
    Ch Take() {
        if (cur_ == end_ && !refill()) return '\0';
        const char c = *cur_++;
        if (count_) track(c);
        return c;
    }
    std::size_t Tell() const { return base_ + static_cast<std::size_t>(cur_ - begin_); }
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    std::size_t PutEnd(Ch*) { return 0; }

    /// "LINE:COLUMN" of the next character. Re-reads a file from the start: call last.
    std::string position() {
        if (!count_) {
            const std::size_t stop = Tell();
            line_ = column_ = 1;
            if (!file_) {
                for (char c : mem_.substr(0, stop)) track(c);
            } else if (std::fseek(file_, 0, SEEK_SET) == 0) {
                for (std::size_t done = 0; done < stop;) {
                    const std::size_t got =
                        std::fread(buf_.get(), 1, std::min(kBuf, stop - done), file_);
                    if (got == 0) break;
                    for (std::size_t i = 0; i < got; ++i) track(buf_[i]);
                    done += got;
                }
            }
        }
        return std::to_string(line_) + ":" + std::to_string(column_);
    }
    bool read_error() const { return file_ && std::ferror(file_); }
    // The next few bytes, for recognising NaN/Infinity in error messages.
    std::string_view lookahead() {
        Peek();
        return std::string_view(cur_,
                                static_cast<std::size_t>(std::min<std::ptrdiff_t>(end_ - cur_, 8)));
    }

private:
    void track(char c) {
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column_;
        }
    }
    bool refill() {
        if (!file_) return false;
        base_ += static_cast<std::size_t>(end_ - begin_);
        const std::size_t got = std::fread(buf_.get(), 1, kBuf, file_);
        begin_ = cur_ = buf_.get();
        end_ = cur_ + got;
        return got > 0;
    }
    static constexpr std::size_t kBuf = 1 << 16;
    std::FILE* file_;
    std::string_view mem_;
    bool count_;
    std::unique_ptr<char[]> buf_ = std::make_unique<char[]>(kBuf);
    const char* begin_ = nullptr;
    const char* cur_ = nullptr;
    const char* end_ = nullptr;
    std::size_t base_ = 0, line_ = 1, column_ = 1;
};

std::string syntax_message(rapidjson::ParseErrorCode code, std::string_view next) {
    using namespace rapidjson;
    switch (code) {
        case kParseErrorDocumentEmpty:
            return "the document is empty";
        case kParseErrorDocumentRootNotSingular:
            return "unexpected text after the JSON document";
        case kParseErrorValueInvalid:
            if (next.starts_with("NaN") || next.starts_with("Inf") || next.starts_with("-Inf")) {
                return "number is not finite (JSON has no NaN or Infinity)";
            }
            return "invalid value";
        case kParseErrorObjectMissName:
            return "expected a member name in double quotes";
        case kParseErrorObjectMissColon:
            return "expected ':' after the member name";
        case kParseErrorObjectMissCommaOrCurlyBracket:
            return "expected ',' or '}'";
        case kParseErrorArrayMissCommaOrSquareBracket:
            return "expected ',' or ']'";
        case kParseErrorStringUnicodeEscapeInvalidHex:
            return "invalid \\u escape";
        case kParseErrorStringUnicodeSurrogateInvalid:
            return "invalid UTF-16 surrogate in \\u escape";
        case kParseErrorStringEscapeInvalid:
            if (!next.empty() && static_cast<unsigned char>(next[0]) < 0x20) {
                return "unterminated string or raw control character in a string";
            }
            return "invalid escape in string";
        case kParseErrorStringMissQuotationMark:
            return "unterminated string";
        case kParseErrorStringInvalidEncoding:
            return "text is not valid UTF-8";
        case kParseErrorNumberTooBig:
            return "number is not finite (too large for a double)";
        case kParseErrorNumberMissFraction:
            return "expected digits after '.'";
        case kParseErrorNumberMissExponent:
            return "expected digits in the exponent";
        default:
            return "syntax error";
    }
}

// Rejects input that is clearly not UTF-8 JSON before parsing: UTF-16/32 byte order marks or
// NUL bytes near the start. Skips a UTF-8 byte order mark.
void check_start(CountingStream& in, const std::string& name) {
    const std::string_view head = in.lookahead();
    if (head.empty()) throw DatasetError({name + ": empty file"});
    auto bytes = [&](std::initializer_list<unsigned char> b) {
        return head.size() >= b.size() &&
               std::equal(b.begin(), b.end(), head.begin(), [](unsigned char x, char y) {
                   return x == static_cast<unsigned char>(y);
               });
    };
    if (bytes({0xFF, 0xFE}) || bytes({0xFE, 0xFF}) || head.find('\0') != std::string_view::npos) {
        throw DatasetError({name + ": not UTF-8 text (looks like UTF-16 or UTF-32)"});
    }
    if (bytes({0xEF, 0xBB, 0xBF})) {
        for (int i = 0; i < 3; ++i) in.Take();
    }
}

Dataset parse_stream(CountingStream& in, const std::string& name) {
    check_start(in, name);
    detail::Records recs;
    detail::Diagnostics diag{name, {}, {}, false};
    detail::SaxReader handler(recs, diag);
    rapidjson::Reader reader;
    constexpr unsigned kFlags =
        rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
    const rapidjson::ParseResult ok = reader.Parse<kFlags>(in, handler);
    if (in.read_error()) throw DatasetError({name + ": read error: " + std::strerror(errno)});
    if (!ok) {
        const std::string message = syntax_message(ok.Code(), in.lookahead());
        throw DatasetError({name + ":" + in.position() + ": " + message});
    }
    return detail::build_dataset(recs, diag);
}

}  // namespace

Dataset parse_dataset(std::string_view text, std::string_view display_name) {
    CountingStream in(nullptr, text, false);
    return parse_stream(in, std::string(display_name));
}

Dataset load_dataset(const std::string& path) {
    if (path == "-") {
        CountingStream in(stdin, {}, true);
        return parse_stream(in, "<stdin>");
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw DatasetError({path + ": is a directory"});
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
    if (!file) throw DatasetError({path + ": cannot open: " + std::strerror(errno)});
    CountingStream in(file.get(), {}, false);
    return parse_stream(in, path);
}

}  // namespace chokepoint
