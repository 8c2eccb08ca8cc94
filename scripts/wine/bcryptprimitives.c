/* A stand-in for Windows 10's bcryptprimitives.dll, for building and testing under Wine only
 * (never in the bundle). Rust-built wheels (cryptography, python-calamine) import ProcessPrng,
 * which Wine 8 lacks; here it asks BCryptGenRandom, the system's own random source. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    return BCryptGenRandom(NULL, data, (ULONG)length, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
