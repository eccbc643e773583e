/* What the fuzz harnesses share: libFuzzer's entry point, which replay.c also calls, and the
 * check that turns a broken promise into a crash libFuzzer keeps. */
#ifndef WS_FUZZ_HARNESS_H
#define WS_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define require(cond, ...)                                                                         \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "broken promise: " __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
