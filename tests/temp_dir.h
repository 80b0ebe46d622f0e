// TempDir: a scratch directory for a test, removed with everything in it when the test ends.
//
//   TempDir dir;
//   dir.Write("places.tsv", "id\tkind\t...\n");
//   Run(dir.path());
#ifndef IRUM_TESTS_TEMP_DIR_H_
#define IRUM_TESTS_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace irum {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "irum_test_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `text` to the file `name` in the directory, replacing it.
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(std::filesystem::path(path_) / name, std::ios::binary) << text;
  }

 private:
  std::string path_;
};

}  // namespace irum

#endif  // IRUM_TESTS_TEMP_DIR_H_
