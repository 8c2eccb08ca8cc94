/* A stand-in for Windows 10's system icuuc.dll, for building and testing under Wine only
 * (never in the bundle: scripts/build_windows.sh copies it into the Wine prefix's system32).
 *
 * Qt6Core.dll imports twenty ucnv_* functions from it, used only for non-UTF text codecs; Wine 8
 * has no icuuc.dll, so Qt fails to load ("DLL load failed while importing QtWidgets"). Every
 * converter here reports "unavailable", and Qt falls back to its own UTF codecs, which is all
 * the till uses. On real Windows the system's ICU is used. */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4

void *ucnv_open(const char *name, UErrorCode *err) {
    (void)name;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
void ucnv_close(void *c) { (void)c; }
void ucnv_reset(void *c) { (void)c; }
void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
signed char ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
const char *ucnv_getName(const void *c, UErrorCode *err) { (void)c; if (err) *err = U_FILE_ACCESS_ERROR; return NULL; }
void ucnv_getToUCallBack(const void *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
void ucnv_getFromUCallBack(const void *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
void ucnv_setToUCallBack(void *c, void *a, const void *b, void **d, const void **e, UErrorCode *err) {
    (void)c; (void)a; (void)b; (void)d; (void)e; if (err) *err = U_FILE_ACCESS_ERROR;
}
void ucnv_setFromUCallBack(void *c, void *a, const void *b, void **d, const void **e, UErrorCode *err) {
    (void)c; (void)a; (void)b; (void)d; (void)e; if (err) *err = U_FILE_ACCESS_ERROR;
}
void ucnv_cbToUWriteUChars(void *a, const void *b, int n, int o, UErrorCode *err) {
    (void)a; (void)b; (void)n; (void)o; if (err) *err = U_FILE_ACCESS_ERROR;
}
void ucnv_cbFromUWriteUChars(void *a, const void **b, const void *c, int o, UErrorCode *err) {
    (void)a; (void)b; (void)c; (void)o; if (err) *err = U_FILE_ACCESS_ERROR;
}
void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int *o, int f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; if (err) *err = U_FILE_ACCESS_ERROR;
}
void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int *o, int f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; if (err) *err = U_FILE_ACCESS_ERROR;
}
int ucnv_toUCountPending(const void *c, UErrorCode *err) { (void)c; (void)err; return 0; }
int ucnv_fromUCountPending(const void *c, UErrorCode *err) { (void)c; (void)err; return 0; }
const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err) {
    (void)n; (void)s; if (err) *err = U_FILE_ACCESS_ERROR; return NULL;
}
const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
int ucnv_countAvailable(void) { return 0; }
