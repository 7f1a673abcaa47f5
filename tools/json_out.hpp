#pragma once
// JSON output for the commands: a RapidJSON writer on a std::ostream, keys in the order written.

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <cmath>
#include <ostream>
#include <string_view>

namespace chokepoint::cli {

class Json {
public:
    explicit Json(std::ostream& os) : osw_(os), w_(osw_) {
        w_.SetIndent(' ', 2);
        w_.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    }
    Json& key(std::string_view k) {
        w_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        return *this;
    }
    Json& str(std::string_view s) {
        w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        return *this;
    }
    /// Integers print without a fraction; non-finite numbers print as null.
    Json& num(double v) {
        if (!std::isfinite(v))
            w_.Null();
        else if (v == std::floor(v) && std::abs(v) < 9e15)
            w_.Int64(static_cast<std::int64_t>(v));
        else
            w_.Double(v);
        return *this;
    }
    Json& boolean(bool b) {
        w_.Bool(b);
        return *this;
    }
    Json& null() {
        w_.Null();
        return *this;
    }
    Json& begin_object() {
        w_.StartObject();
        return *this;
    }
    Json& end_object() {
        w_.EndObject();
        return *this;
    }
    Json& begin_array() {
        w_.StartArray();
        return *this;
    }
    Json& end_array() {
        w_.EndArray();
        return *this;
    }
    Json& kv(std::string_view k, std::string_view v) { return key(k).str(v); }
    Json& kv(std::string_view k, const char* v) { return key(k).str(v); }
    Json& kv(std::string_view k, double v) { return key(k).num(v); }

private:
    rapidjson::OStreamWrapper osw_;
    rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w_;
};

}  // namespace chokepoint::cli
