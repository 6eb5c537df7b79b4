#include "cli/partition_command.h"

#include "engine/client/murmur2.h"

namespace ksim::cli {

int partition_command(int32_t partitions, const std::vector<std::string>& keys, std::ostream& out,
                      std::ostream& err) {
  if (partitions < 1) {
    err << "kafkasim partition: --partitions must be at least 1\n";
    return 2;
  }
  // The argument strings are already UTF-8 bytes, which is what StringSerializer sends.
  for (const std::string& key : keys) {
    out << key << '\t' << client::partition_for_key(key, partitions) << '\n';
  }
  return 0;
}

}  // namespace ksim::cli
