// The shipped addon must load on glibc 2.17 (see test/native/glibc-floor.test.ts), but linking
// against a newer glibc binds some functions to versions added since (pthread_create and
// pthread_join moved into libc in 2.34, pow got a new version in 2.29, powf in 2.27). Naming the
// oldest version of such a function, in the file that calls it, binds it there instead; that
// version is in every glibc since the architecture's first (2.2.5 on x86-64, 2.17 on arm64) and
// runs the same code. Other C libraries (musl) have no versions, and need none of this.
#pragma once

#if defined(__GLIBC__) && defined(__x86_64__)
#define POOLND_OLDEST_GLIBC_SYMBOL(name) __asm__(".symver " #name "," #name "@GLIBC_2.2.5")
#elif defined(__GLIBC__) && defined(__aarch64__)
#define POOLND_OLDEST_GLIBC_SYMBOL(name) __asm__(".symver " #name "," #name "@GLIBC_2.17")
#else
#define POOLND_OLDEST_GLIBC_SYMBOL(name)
#endif
