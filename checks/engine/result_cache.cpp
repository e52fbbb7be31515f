#include "checks/engine/result_cache.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <chrono>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xxhash.h>

#include "common/input_file.h"
#include "common/output_file.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace svc::engine {
namespace {

// The first line of a pack: format, checksum and length of what follows, so a pack cut
// short or changed on disk is noticed before anything in it is believed.
constexpr std::string_view kMagic = "svc-result-cache 1 ";
constexpr const char* kSuffix = ".pack";
constexpr std::size_t kMaxPackBytes = std::size_t{1} << 30;  // far above any tree's pack (19 MB for 20,000 files)

std::string hex128(const std::string& text) {
  XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

std::uint64_t checksum(std::string_view body) { return XXH3_64bits(body.data(), body.size()); }

}  // namespace

bool stamp_trustworthy(const FileStamp& stamp, std::int64_t read_ns) {
  // Two seconds covers the coarsest modification times in use (FAT's, some network
  // file systems'); ext4, XFS, APFS and NTFS are far finer.
  return stamp.size >= 0 && std::max(stamp.mtime_ns, stamp.ctime_ns) + 2'000'000'000 < read_ns;
}

ContentHash hash_content(const std::string& text) {
  XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  return {h.high64, h.low64};
}

ResultCache::ResultCache(std::string dir, const std::string& key)
    : dir_(std::move(dir)), key_(key), file_((fs::path(dir_) / (hex128(key) + kSuffix)).string()) {
  load();
}

void ResultCache::load() {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file_, ec))) return;  // no pack yet
  InputFile in = read_input_file(file_, "", kMaxPackBytes);
  if (!in.ok()) {
    ignored_ = "unreadable (" + in.error + ")";
    return;
  }
  std::size_t newline = in.text.find('\n');
  std::string header = in.text.substr(0, newline);
  std::string_view body = newline == std::string::npos ? std::string_view() : std::string_view(in.text).substr(newline + 1);
  std::uint64_t sum = 0;
  std::size_t length = 0;
  if (header.compare(0, kMagic.size(), kMagic) != 0 ||
      std::sscanf(header.c_str() + kMagic.size(), "%16" SCNx64 " %zu", &sum, &length) != 2) {
    ignored_ = "not a pack of this svc";
    return;
  }
  if (body.size() != length || checksum(body) != sum) {
    ignored_ = "truncated or corrupt";
    return;
  }
  try {
    json pack = json::from_msgpack(body);
    if (pack.at("key").get<std::string>() != key_) {
      ignored_ = "written for another rule set";
      return;
    }
    for (auto& e : pack.at("entries")) {
      CacheEntry entry{e.at(0).get<std::string>(), {e.at(1).get<std::uint64_t>(), e.at(2).get<std::uint64_t>()},
                       e.at(3).get<std::uint64_t>(), std::move(e.at(4).get_ref<json::binary_t&>()),
                       {e.at(5).get<std::int64_t>(), e.at(6).get<std::int64_t>(), e.at(7).get<std::int64_t>(),
                        e.at(8).get<std::uint64_t>()},
                       e.at(9).get<bool>()};
      std::string path = entry.path;
      entries_.emplace(std::move(path), std::move(entry));
    }
  } catch (const json::exception&) {
    entries_.clear();
    ignored_ = "unreadable";
  }
}

const CacheEntry* ResultCache::find(const std::string& path, const ContentHash& content, std::uint64_t service) const {
  auto it = entries_.find(path);
  if (it == entries_.end() || !(it->second.content == content) || it->second.service != service) return nullptr;
  return &it->second;
}

const CacheEntry* ResultCache::find_unchanged(const std::string& path, const FileStamp& stamp,
                                              std::uint64_t service) const {
  auto it = entries_.find(path);
  if (it == entries_.end() || !it->second.stamp_trusted || !(it->second.stamp == stamp) ||
      it->second.service != service)
    return nullptr;
  return &it->second;
}

bool ResultCache::save(const std::vector<const CacheEntry*>& reused, std::vector<CacheEntry> fresh,
                       std::uint64_t max_bytes, std::string& error) {
  std::error_code ec;
  if (fresh.empty() && reused.size() == entries_.size() && ignored_.empty() && fs::exists(file_, ec)) {
    fs::last_write_time(file_, fs::file_time_type::clock::now(), ec);  // recently used: pruned last
    prune(max_bytes);
    return true;
  }
  std::vector<CacheEntry> entries = std::move(fresh);
  for (const CacheEntry* e : reused) entries.push_back(std::move(entries_.at(e->path)));
  entries_.clear();
  std::sort(entries.begin(), entries.end(), [](const CacheEntry& a, const CacheEntry& b) { return a.path < b.path; });
  std::size_t bytes = 0;
  for (const auto& e : entries) bytes += e.payload.size() + e.path.size() + 48;
  json list = json::array();
  for (auto& e : entries)
    list.push_back(json::array({e.path, e.content.high, e.content.low, e.service, json::binary(std::move(e.payload)),
                                e.stamp.size, e.stamp.mtime_ns, e.stamp.ctime_ns, e.stamp.inode, e.stamp_trusted}));
  // The header has a fixed width, so the body is packed right behind it and the header
  // filled in after: one copy of the pack in memory, not three.
  std::string text = fmt::format("{}{:016x} {:020}\n", kMagic, 0, 0);
  std::size_t header = text.size();
  text.reserve(header + key_.size() + bytes + 64);  // grown by doubling, it would peak at three times the pack
  json::to_msgpack(json{{"key", key_}, {"entries", std::move(list)}}, text);
  std::string_view body(text.data() + header, text.size() - header);
  text.replace(0, header, fmt::format("{}{:016x} {:020}\n", kMagic, checksum(body), body.size()));
  fs::create_directories(dir_, ec);
  if (ec) {
    error = fmt::format("cannot create {}: {}", dir_, ec.message());
    return false;
  }
  if (!cli::write_file_atomically(file_, text, error, /*durable=*/false)) {
    error = fmt::format("cannot write {}: {}", file_, error);
    return false;
  }
  prune(max_bytes);
  return true;
}

// Least recently used first; the pack of this run stays. Temporary files left by a
// run that was killed while writing go once they are an hour old.
void ResultCache::prune(std::uint64_t max_bytes) const {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> packs;
  std::uint64_t total = 0;
  auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    auto time = entry.last_write_time(ec);
    if (ec || !entry.is_regular_file(ec)) continue;
    if (name.size() > 1 && name[0] == '.' && name.find(kSuffix) != std::string::npos) {
      if (now - time > std::chrono::hours(1)) fs::remove(entry.path(), ec);
      continue;
    }
    if (!name.ends_with(kSuffix)) continue;
    total += entry.file_size(ec);
    if (entry.path() != fs::path(file_)) packs.emplace_back(time, entry.path());
  }
  std::sort(packs.begin(), packs.end());
  for (const auto& [time, path] : packs) {
    if (total <= max_bytes) break;
    std::uint64_t size = fs::file_size(path, ec);
    if (fs::remove(path, ec)) total -= std::min(total, size);
  }
}

}  // namespace svc::engine
