#include "hardening.h"

namespace e2e {

void ApplyHardening(const HardeningSpec& hardening, docker::ContainerCreate& create) {
  create.cap_drop = hardening.cap_drop;
  create.cap_add = hardening.cap_add;
  create.security_opt = hardening.security_opt;
  create.read_only_rootfs = hardening.read_only;
  create.tmpfs = hardening.tmpfs;
  create.log_driver = hardening.logging.driver;
  create.log_options = hardening.logging.options;
}

}  // namespace e2e
