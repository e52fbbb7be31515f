#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "checks/workspace/workspace.h"

namespace svc::engine {

// A file's content hash (XXH3, 128 bits).
struct ContentHash {
  std::uint64_t high = 0, low = 0;
  bool operator==(const ContentHash& o) const { return high == o.high && low == o.low; }
};
ContentHash hash_content(const std::string& text);

// One file's results from a run, as the cache keeps them: valid while the file's
// content and its service are what they were.
struct CacheEntry {
  std::string path;
  ContentHash content;
  std::uint64_t service = 0;  // hash of the file's service as discovered (0: none)
  std::vector<std::uint8_t> payload;  // MessagePack, read by file_result.h
  // The file's stamp when it was read, and whether it may stand for the content: only
  // when the file was last modified well before it was read (git's "racily clean"
  // rule), so a change within the clock's resolution cannot hide behind an equal stamp.
  FileStamp stamp;
  bool stamp_trusted = false;
};

// Whether a file stamped `stamp` and read at `read_ns` (ns since the epoch) may later be
// known unchanged by its stamp alone.
bool stamp_trustworthy(const FileStamp& stamp, std::int64_t read_ns);

// The results of earlier runs of the same svc build and rule set over the same root: one
// pack file in the cache folder, named by a hash of that key. A pack that is missing,
// truncated, corrupt or written for another key is an empty cache (never a wrong
// result); saving writes a new pack beside it and renames it into place, so concurrent
// runs each see a whole pack, and the last to finish wins.
class ResultCache {
 public:
  ResultCache(std::string dir, const std::string& key);

  const CacheEntry* find(const std::string& path, const ContentHash& content, std::uint64_t service) const;
  // An entry whose trusted stamp equals the file's: unchanged without reading it.
  const CacheEntry* find_unchanged(const std::string& path, const FileStamp& stamp, std::uint64_t service) const;
  std::size_t size() const { return entries_.size(); }
  // Why the pack on disk was not used ("" when it was, or when there was none).
  const std::string& ignored() const { return ignored_; }

  // Replaces the pack with the entries this run used (`reused`, from find()) and made
  // (`fresh`); when that is exactly what was loaded, only the pack's time is refreshed.
  // Then deletes the least recently used packs of the folder until it holds at most
  // max_bytes. False with `error` set when it could not write. The cache is spent after.
  bool save(const std::vector<const CacheEntry*>& reused, std::vector<CacheEntry> fresh, std::uint64_t max_bytes,
            std::string& error);

 private:
  void load();
  void prune(std::uint64_t max_bytes) const;

  std::string dir_, key_, file_;
  std::unordered_map<std::string, CacheEntry> entries_;
  std::string ignored_;
};

}  // namespace svc::engine
