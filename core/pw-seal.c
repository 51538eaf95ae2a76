/* pw-seal.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Sealed files: an export encrypted to a council's public key and signed
 * with the store's Ed25519 key, written and read as streams so that an XML
 * writer or reader can sit on top without holding the file in memory.
 *
 * All integers are big endian.
 *
 *     0  magic "PWSEALED"            120  signer's Ed25519 public key (32)
 *     8  format version u8 (1)       152  signer's label length u16 (<= 256)
 *     9  reserved, zero (7)          154  signer's label, UTF-8
 *    16  sealed key (80)
 *    96  secretstream header (24)
 *
 * then parts, each a u32 length and that many bytes of one
 * crypto_secretstream_xchacha20poly1305 message (at most 64 KiB of text and
 * its 17-byte tag; the last part has TAG_FINAL), then a 64-byte Ed25519ph
 * signature over every byte before it.  The stream key is random for each
 * file and sealed to the recipient with crypto_box_seal.  The first part
 * carries the header as additional data, so a changed label or signer key
 * fails there, before any text is returned.
 *
 * The reader trusts nothing: it allocates its buffers once, refuses a part
 * longer than the bound whatever its length field says, and returns end of
 * file only after the final tag and the signature have checked out.  The
 * last part's text is held back until then.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "pw-crypto.h"
#include "pw-seal.h"

#define SEALED_KEY_BYTES (crypto_box_SEALBYTES + crypto_secretstream_xchacha20poly1305_KEYBYTES)
#define STREAM_HEADER_BYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define TAG_BYTES       crypto_secretstream_xchacha20poly1305_ABYTES
#define PART_MAX        (PW_SEAL_CHUNK_BYTES + TAG_BYTES)
#define LENGTH_BYTES    4
#define SIGNATURE_BYTES crypto_sign_BYTES

#define OFF_VERSION       8
#define OFF_RESERVED      9
#define OFF_SEALED_KEY    16
#define OFF_STREAM_HEADER (OFF_SEALED_KEY + SEALED_KEY_BYTES)
#define OFF_SIGNER        (OFF_STREAM_HEADER + STREAM_HEADER_BYTES)
#define OFF_LABEL_LENGTH  (OFF_SIGNER + crypto_sign_PUBLICKEYBYTES)
#define HEADER_FIXED      (OFF_LABEL_LENGTH + 2)

#define KEY_FILE_MAX 512

G_STATIC_ASSERT (PW_SEAL_PUBLIC_KEY_BYTES == crypto_box_PUBLICKEYBYTES);
G_STATIC_ASSERT (PW_SEAL_SECRET_KEY_BYTES == crypto_box_SECRETKEYBYTES);
G_STATIC_ASSERT (PW_SEAL_SIGNER_KEY_BYTES == crypto_sign_PUBLICKEYBYTES);
G_STATIC_ASSERT (PW_SEAL_SIGNING_KEY_BYTES == crypto_sign_SECRETKEYBYTES);
G_STATIC_ASSERT (OFF_STREAM_HEADER == 96 && OFF_SIGNER == 120 && HEADER_FIXED == 154);

static const guint8 magic[PW_SEAL_MAGIC_BYTES] = { 'P', 'W', 'S', 'E', 'A', 'L', 'E', 'D' };

G_DEFINE_QUARK (pw-seal-error-quark, pw_seal_error)

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
put_u32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

/* Printable UTF-8 of at most PW_SEAL_LABEL_MAX bytes: it is shown on a
 * terminal, where a control character could rewrite what is shown. */
static gboolean
label_is_valid (const char *label, gsize len)
{
  if (len > PW_SEAL_LABEL_MAX || !g_utf8_validate (label, len, NULL))
    return FALSE;
  for (const char *p = label; p < label + len; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Key files ---------------------------------------------------------------------
 * Two lines: what the key is, then the key in base64. */

typedef enum
{
  KEY_PUBLIC,
  KEY_SECRET,
  KEY_SIGNER,
  N_KEY_KINDS,
} KeyKind;

static const struct
{
  const char *first_line;
  const char *name;
  const char *not_this_kind;
} key_kinds[] = {
  [KEY_PUBLIC] = { "pathway-recipient-public-key-1", N_("a public key"),
                   N_("not a Pathway public key file") },
  [KEY_SECRET] = { "pathway-recipient-secret-key-1", N_("a secret key"),
                   N_("not a Pathway secret key file") },
  [KEY_SIGNER] = { "pathway-signer-public-key-1", N_("a store’s signing key"),
                   N_("not a Pathway signing key file") },
};

static gboolean
fail_errno (GError **error, const char *path, int saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", display,
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
fail_exists (GError **error, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("%s already exists; a key file is never overwritten"), display);
  return FALSE;
}

static gboolean
write_fd (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

static void
sync_folder_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

/* A hard link appears only if nothing has the name, so a key created at
 * the same moment by someone else is not replaced; a file system without
 * hard links gets a check and a rename. */
static gboolean
put_in_place (const char *temp_path, const char *path, gboolean replace, GError **error)
{
  if (replace)
    return g_rename (temp_path, path) == 0 || fail_errno (error, path, errno);
  if (link (temp_path, path) == 0)
    {
      g_unlink (temp_path);
      return TRUE;
    }
  if (errno == EEXIST || g_file_test (path, G_FILE_TEST_EXISTS))
    return fail_exists (error, path);
  return g_rename (temp_path, path) == 0 || fail_errno (error, path, errno);
}

/* Written under a temporary name, synced, then put in place: a key file
 * appears whole or not at all.  Not through PwOutputFile: its buffers would
 * keep copies of a secret key that nothing wipes, and a key is never
 * replaced. */
static gboolean
write_text_file (const char *path, const char *text, int mode, gboolean replace, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, mode);
  int saved_errno = 0;

  if (fd < 0)
    return fail_errno (error, path, errno);
  if (!write_fd (fd, text, strlen (text)) || fsync (fd) != 0)
    saved_errno = errno != 0 ? errno : EIO;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && put_in_place (temp_path, path, replace, error))
    {
      sync_folder_of (path);
      return TRUE;
    }
  g_unlink (temp_path);
  if (saved_errno != 0)
    fail_errno (error, path, saved_errno);
  return FALSE;
}

static gboolean
write_key_file (const char    *path,
                KeyKind        kind,
                const guint8  *key,
                gsize          key_len,
                int            mode,
                gboolean       replace,
                GError       **error)
{
  char text[KEY_FILE_MAX];
  char b64[sodium_base64_ENCODED_LEN (PW_SEAL_SECRET_KEY_BYTES,
                                      sodium_base64_VARIANT_ORIGINAL)];
  gboolean ok;

  g_assert (key_len <= PW_SEAL_SECRET_KEY_BYTES);

  sodium_bin2base64 (b64, sizeof b64, key, key_len, sodium_base64_VARIANT_ORIGINAL);
  g_snprintf (text, sizeof text, "%s\n%s\n", key_kinds[kind].first_line, b64);
  ok = write_text_file (path, text, mode, replace, error);
  sodium_memzero (b64, sizeof b64);
  sodium_memzero (text, sizeof text);
  return ok;
}

static gboolean
key_file_error (GError **error, const char *path, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
key_file_error (GError **error, const char *path, const char *format, ...)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PW_SEAL_ERROR, PW_SEAL_ERROR_KEY_FILE, "%s: %s", display, message);
  return FALSE;
}

/* At most KEY_FILE_MAX bytes into @text, NUL-terminated; a longer file is
 * no key file. */
static gboolean
read_key_text (const char *path, char *text, gsize *len, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), text, KEY_FILE_MAX, len, NULL, error))
    return FALSE;
  text[*len] = '\0';
  return *len < KEY_FILE_MAX || key_file_error (error, path, "%s",
                                                _("too long to be a Pathway key file"));
}

static int
kind_of_first_line (const char *text, gsize len)
{
  const char *newline = memchr (text, '\n', len);
  gsize line_len = newline != NULL ? (gsize) (newline - text) : len;

  if (line_len > 0 && text[line_len - 1] == '\r')
    line_len--;
  for (int kind = 0; kind < N_KEY_KINDS; kind++)
    if (strlen (key_kinds[kind].first_line) == line_len &&
        memcmp (key_kinds[kind].first_line, text, line_len) == 0)
      return kind;
  return -1;
}

/* The base64 on the second line, and nothing after it but line ends. */
static gboolean
decode_key_line (const char *text, gsize len, guint8 *key, gsize key_len)
{
  const char *line = memchr (text, '\n', len);
  const char *end = text + len;
  const char *decoded_end = NULL;
  size_t bin_len = 0;

  if (line == NULL)
    return FALSE;
  line++;
  while (end > line && g_ascii_isspace (end[-1]))
    end--;
  return sodium_base642bin (key, key_len, line, end - line, NULL, &bin_len, &decoded_end,
                            sodium_base64_VARIANT_ORIGINAL) == 0 &&
         decoded_end == end && bin_len == key_len;
}

static gboolean
parse_key_text (const char  *path,
                const char  *text,
                gsize        len,
                KeyKind      wanted,
                guint8      *key,
                gsize        key_len,
                GError     **error)
{
  int kind = kind_of_first_line (text, len);

  if (kind < 0)
    return key_file_error (error, path, "%s", _(key_kinds[wanted].not_this_kind));
  if (kind != (int) wanted)
    return key_file_error (error, path,
                           /* Translators: "a secret key was given where a public key is needed" */
                           _("%s was given where %s is needed"),
                           _(key_kinds[kind].name), _(key_kinds[wanted].name));
  if (!decode_key_line (text, len, key, key_len))
    return key_file_error (error, path, _("the key on its second line is damaged"));
  return TRUE;
}

static gboolean
read_key_file (const char *path, KeyKind wanted, guint8 *key, gsize key_len, GError **error)
{
  char text[KEY_FILE_MAX + 1];
  gsize len = 0;
  gboolean ok;

  ok = read_key_text (path, text, &len, error) &&
       parse_key_text (path, text, len, wanted, key, key_len, error);
  sodium_memzero (text, sizeof text);
  if (!ok)
    sodium_memzero (key, key_len);
  return ok;
}

/* A low-order point would give everyone the same shared secret. */
static gboolean
public_key_is_usable (const guint8 *public_key)
{
  guint8 scalar[crypto_scalarmult_SCALARBYTES];
  guint8 shared[crypto_scalarmult_BYTES];
  gboolean usable;

  randombytes_buf (scalar, sizeof scalar);
  usable = crypto_scalarmult (shared, scalar, public_key) == 0;
  sodium_memzero (scalar, sizeof scalar);
  sodium_memzero (shared, sizeof shared);
  return usable;
}

/**
 * pw_seal_keygen:
 * @public_path: where the recipient's public key goes, such as "council.pub"
 * @secret_path: where the secret key goes, such as "council.key" (mode 0600)
 *
 * Makes a recipient key pair for sealed files.  Neither file may exist yet:
 * a key file is never overwritten.
 *
 * Returns: %TRUE if both files were written
 */
gboolean
pw_seal_keygen (const char  *public_path,
                const char  *secret_path,
                GError     **error)
{
  guint8 public_key[crypto_box_PUBLICKEYBYTES];
  guint8 *secret_key;
  gboolean ok;

  g_return_val_if_fail (public_path != NULL && secret_path != NULL, FALSE);

  if (g_file_test (public_path, G_FILE_TEST_EXISTS))
    return fail_exists (error, public_path);
  if (g_file_test (secret_path, G_FILE_TEST_EXISTS))
    return fail_exists (error, secret_path);
  secret_key = pw_secure_alloc (crypto_box_SECRETKEYBYTES);
  crypto_box_keypair (public_key, secret_key);
  ok = write_key_file (secret_path, KEY_SECRET, secret_key, crypto_box_SECRETKEYBYTES, 0600,
                       FALSE, error);
  pw_secure_free (secret_key);
  if (ok && !write_key_file (public_path, KEY_PUBLIC, public_key, sizeof public_key, 0644,
                             FALSE, error))
    {
      g_unlink (secret_path);
      return FALSE;
    }
  return ok;
}

/**
 * pw_seal_read_public_key:
 * @public_key: (out caller-allocates): %PW_SEAL_PUBLIC_KEY_BYTES bytes
 *
 * Reads a recipient's public key file written by pw_seal_keygen().
 */
gboolean
pw_seal_read_public_key (const char  *path,
                         guint8      *public_key,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL && public_key != NULL, FALSE);

  pw_crypto_init ();
  if (!read_key_file (path, KEY_PUBLIC, public_key, PW_SEAL_PUBLIC_KEY_BYTES, error))
    return FALSE;
  if (public_key_is_usable (public_key))
    return TRUE;
  sodium_memzero (public_key, PW_SEAL_PUBLIC_KEY_BYTES);
  return key_file_error (error, path, _("the public key in it cannot be used"));
}

/**
 * pw_seal_read_secret_key:
 * @secret_key: (out caller-allocates): %PW_SEAL_SECRET_KEY_BYTES bytes; wipe
 *   them with sodium_memzero() after use
 *
 * Reads a recipient's secret key file written by pw_seal_keygen().  No
 * other copy of the key is left in memory.
 */
gboolean
pw_seal_read_secret_key (const char  *path,
                         guint8      *secret_key,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL && secret_key != NULL, FALSE);

  pw_crypto_init ();
  return read_key_file (path, KEY_SECRET, secret_key, PW_SEAL_SECRET_KEY_BYTES, error);
}

/**
 * pw_seal_write_signer_key:
 * @signer_key: the store's Ed25519 public key, %PW_SEAL_SIGNER_KEY_BYTES bytes
 *
 * Writes the file that `pathway-cli open --signer` checks a sealed file
 * against.  An existing file at @path is replaced, whole.
 */
gboolean
pw_seal_write_signer_key (const char    *path,
                          const guint8  *signer_key,
                          GError       **error)
{
  g_return_val_if_fail (path != NULL && signer_key != NULL, FALSE);

  return write_key_file (path, KEY_SIGNER, signer_key, PW_SEAL_SIGNER_KEY_BYTES, 0644, TRUE,
                         error);
}

/**
 * pw_seal_read_signer_key:
 * @signer_key: (out caller-allocates): %PW_SEAL_SIGNER_KEY_BYTES bytes
 */
gboolean
pw_seal_read_signer_key (const char  *path,
                         guint8      *signer_key,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL && signer_key != NULL, FALSE);

  pw_crypto_init ();
  return read_key_file (path, KEY_SIGNER, signer_key, PW_SEAL_SIGNER_KEY_BYTES, error);
}

/**
 * pw_seal_fingerprint:
 * @signer_key: an Ed25519 public key
 *
 * A short form of @signer_key for people to compare: the first 16 bytes of
 * its BLAKE2b hash in groups of four hex digits, "ab12 cd34 …".
 *
 * Returns: (transfer full): the fingerprint
 */
char *
pw_seal_fingerprint (const guint8 *signer_key)
{
  guint8 hash[16];
  GString *text = g_string_sized_new (40);

  g_return_val_if_fail (signer_key != NULL, NULL);

  pw_crypto_init ();
  crypto_generichash (hash, sizeof hash, signer_key, PW_SEAL_SIGNER_KEY_BYTES, NULL, 0);
  for (guint i = 0; i < sizeof hash; i += 2)
    g_string_append_printf (text, "%s%02x%02x", i > 0 ? " " : "", hash[i], hash[i + 1]);
  return g_string_free (text, FALSE);
}

/**
 * pw_seal_is_sealed:
 * @head: the first bytes of a file
 *
 * Returns: %TRUE if @head starts with the magic of a sealed file
 */
gboolean
pw_seal_is_sealed (const guint8 *head,
                   gsize         len)
{
  return head != NULL && len >= sizeof magic && memcmp (head, magic, sizeof magic) == 0;
}

/* Writing ------------------------------------------------------------------------ */

struct _PwSealOutputStream
{
  GFilterOutputStream parent_instance;

  crypto_secretstream_xchacha20poly1305_state *stream_state;   /* guarded memory */
  guint8 *signer_sk;                                           /* guarded memory */
  crypto_sign_state sign_state;
  GByteArray *header;       /* until the first part, which authenticates it */
  guint8 *text;             /* the part being filled */
  gsize text_len;
  guint8 *part;             /* its length and ciphertext */
  gboolean finished;
  gboolean broken;          /* a write failed, or the stream was dropped unclosed */
};

G_DEFINE_FINAL_TYPE (PwSealOutputStream, pw_seal_output_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static GOutputStream *
base_output (PwSealOutputStream *self)
{
  return g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (self));
}

/* Every byte before the signature goes through here, into the signature. */
static gboolean
write_signed (PwSealOutputStream  *self,
              const guint8        *data,
              gsize                len,
              GCancellable        *cancellable,
              GError             **error)
{
  crypto_sign_update (&self->sign_state, data, len);
  if (g_output_stream_write_all (base_output (self), data, len, NULL, cancellable, error))
    return TRUE;
  self->broken = TRUE;
  return FALSE;
}

static gboolean
write_part (PwSealOutputStream  *self,
            guint8               tag,
            GCancellable        *cancellable,
            GError             **error)
{
  gsize len = self->text_len + TAG_BYTES;
  const guint8 *ad = self->header != NULL ? self->header->data : NULL;
  gsize ad_len = self->header != NULL ? self->header->len : 0;

  put_u32 (self->part, len);
  crypto_secretstream_xchacha20poly1305_push (self->stream_state, self->part + LENGTH_BYTES,
                                              NULL, self->text, self->text_len, ad, ad_len,
                                              tag);
  sodium_memzero (self->text, self->text_len);
  self->text_len = 0;
  g_clear_pointer (&self->header, g_byte_array_unref);
  return write_signed (self, self->part, LENGTH_BYTES + len, cancellable, error);
}

static void
wipe_output_keys (PwSealOutputStream *self)
{
  g_clear_pointer (&self->stream_state, pw_secure_free);
  g_clear_pointer (&self->signer_sk, pw_secure_free);
  sodium_memzero (&self->sign_state, sizeof self->sign_state);
}

/* The last part, with the final tag, and the signature. */
static gboolean
finish (PwSealOutputStream  *self,
        GCancellable        *cancellable,
        GError             **error)
{
  guint8 signature[SIGNATURE_BYTES];

  if (self->finished)
    return TRUE;
  if (self->broken)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The sealed file is unfinished: a write to it failed"));
      return FALSE;
    }
  if (!write_part (self, crypto_secretstream_xchacha20poly1305_TAG_FINAL, cancellable, error))
    return FALSE;
  crypto_sign_final_create (&self->sign_state, signature, NULL, self->signer_sk);
  if (!g_output_stream_write_all (base_output (self), signature, sizeof signature, NULL,
                                  cancellable, error))
    {
      self->broken = TRUE;
      return FALSE;
    }
  self->finished = TRUE;
  wipe_output_keys (self);
  return TRUE;
}

/* A part is written when the next byte arrives after it is full, so the
 * last part, written on close, is never empty unless the whole text is. */
static gssize
pw_seal_output_stream_write (GOutputStream  *stream,
                             const void     *buffer,
                             gsize           count,
                             GCancellable   *cancellable,
                             GError        **error)
{
  PwSealOutputStream *self = PW_SEAL_OUTPUT_STREAM (stream);
  gsize n;

  if (self->broken)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The sealed file is unfinished: a write to it failed"));
      return -1;
    }
  if (self->text_len == PW_SEAL_CHUNK_BYTES &&
      !write_part (self, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, cancellable, error))
    return -1;
  n = MIN (count, PW_SEAL_CHUNK_BYTES - self->text_len);
  memcpy (self->text + self->text_len, buffer, n);
  self->text_len += n;
  return n;
}

static gboolean
pw_seal_output_stream_close (GOutputStream  *stream,
                             GCancellable   *cancellable,
                             GError        **error)
{
  PwSealOutputStream *self = PW_SEAL_OUTPUT_STREAM (stream);
  GOutputStreamClass *parent_class = G_OUTPUT_STREAM_CLASS (pw_seal_output_stream_parent_class);
  gboolean ok = finish (self, cancellable, error);

  if (!parent_class->close_fn (stream, cancellable, ok ? error : NULL))
    ok = FALSE;
  return ok;
}

/* Dropped without g_output_stream_close(), as on an error path: the file
 * gets no final tag and no signature, so no reader takes it for whole. */
static void
pw_seal_output_stream_dispose (GObject *object)
{
  PwSealOutputStream *self = PW_SEAL_OUTPUT_STREAM (object);

  if (!g_output_stream_is_closed (G_OUTPUT_STREAM (self)))
    self->broken = TRUE;
  G_OBJECT_CLASS (pw_seal_output_stream_parent_class)->dispose (object);
}

static void
pw_seal_output_stream_finalize (GObject *object)
{
  PwSealOutputStream *self = PW_SEAL_OUTPUT_STREAM (object);

  wipe_output_keys (self);
  sodium_memzero (self->text, PW_SEAL_CHUNK_BYTES);
  g_free (self->text);
  g_free (self->part);
  g_clear_pointer (&self->header, g_byte_array_unref);
  G_OBJECT_CLASS (pw_seal_output_stream_parent_class)->finalize (object);
}

static void
pw_seal_output_stream_class_init (PwSealOutputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->dispose = pw_seal_output_stream_dispose;
  object_class->finalize = pw_seal_output_stream_finalize;
  stream_class->write_fn = pw_seal_output_stream_write;
  stream_class->close_fn = pw_seal_output_stream_close;
}

static void
pw_seal_output_stream_init (PwSealOutputStream *self)
{
  self->stream_state = (gpointer) pw_secure_alloc (sizeof *self->stream_state);
  self->signer_sk = pw_secure_alloc (crypto_sign_SECRETKEYBYTES);
  self->text = g_malloc (PW_SEAL_CHUNK_BYTES);
  self->part = g_malloc (LENGTH_BYTES + PART_MAX);
  crypto_sign_init (&self->sign_state);
}

static gboolean
check_label (const char *label, GError **error)
{
  if (label_is_valid (label, strlen (label)))
    return TRUE;
  g_set_error (error, PW_SEAL_ERROR, PW_SEAL_ERROR_INVALID,
               _("The signer’s label must be printable UTF-8 of at most %d bytes"),
               PW_SEAL_LABEL_MAX);
  return FALSE;
}

/* Seals a new stream key to the recipient and starts the stream with it. */
static gboolean
build_header (PwSealOutputStream  *self,
              const guint8        *recipient_pk,
              const char          *label,
              GError             **error)
{
  guint8 fixed[HEADER_FIXED] = { 0 };
  guint8 *key = pw_secure_alloc (crypto_secretstream_xchacha20poly1305_KEYBYTES);
  gsize label_len = strlen (label);
  gboolean ok;

  memcpy (fixed, magic, sizeof magic);
  fixed[OFF_VERSION] = PW_SEAL_VERSION;
  crypto_secretstream_xchacha20poly1305_keygen (key);
  ok = crypto_box_seal (fixed + OFF_SEALED_KEY, key,
                        crypto_secretstream_xchacha20poly1305_KEYBYTES, recipient_pk) == 0;
  if (ok)
    crypto_secretstream_xchacha20poly1305_init_push (self->stream_state,
                                                     fixed + OFF_STREAM_HEADER, key);
  pw_secure_free (key);
  if (!ok)
    {
      g_set_error_literal (error, PW_SEAL_ERROR, PW_SEAL_ERROR_INVALID,
                           _("The recipient’s public key cannot be used"));
      return FALSE;
    }
  crypto_sign_ed25519_sk_to_pk (fixed + OFF_SIGNER, self->signer_sk);
  fixed[OFF_LABEL_LENGTH] = label_len >> 8;
  fixed[OFF_LABEL_LENGTH + 1] = label_len & 0xff;
  self->header = g_byte_array_sized_new (HEADER_FIXED + label_len);
  g_byte_array_append (self->header, fixed, sizeof fixed);
  g_byte_array_append (self->header, (const guint8 *) label, label_len);
  return TRUE;
}

/**
 * pw_seal_output_stream_new:
 * @base: where the sealed file goes; closing the sealed stream closes it
 * @recipient_pk: the council's X25519 public key (pw_seal_read_public_key())
 * @signer_sk: the store's Ed25519 secret key (pw_caseload_get_signing_key()),
 *   64 bytes, copied
 * @signer_label: who signs, as shown to the reader: printable UTF-8, at
 *   most %PW_SEAL_LABEL_MAX bytes
 *
 * Writes the header to @base at once; the text written to the returned
 * stream follows in parts of 64 KiB.  Only g_output_stream_close() finishes
 * the file with the final tag and the signature: a stream dropped without
 * it leaves a file that every reader refuses as cut short.  On failure
 * @base is left open.
 *
 * Returns: (transfer full): the stream, or %NULL with @error set
 */
GOutputStream *
pw_seal_output_stream_new (GOutputStream  *base,
                           const guint8   *recipient_pk,
                           const guint8   *signer_sk,
                           const char     *signer_label,
                           GError        **error)
{
  g_autoptr(PwSealOutputStream) self = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (base), NULL);
  g_return_val_if_fail (recipient_pk != NULL && signer_sk != NULL, NULL);
  g_return_val_if_fail (signer_label != NULL, NULL);

  if (!check_label (signer_label, error))
    return NULL;
  pw_crypto_init ();
  self = g_object_new (PW_TYPE_SEAL_OUTPUT_STREAM, "base-stream", base, NULL);
  memcpy (self->signer_sk, signer_sk, crypto_sign_SECRETKEYBYTES);
  if (build_header (self, recipient_pk, signer_label, error) &&
      write_signed (self, self->header->data, self->header->len, NULL, error))
    return G_OUTPUT_STREAM (g_steal_pointer (&self));
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (self), FALSE);
  return NULL;
}

/* Reading ------------------------------------------------------------------------ */

struct _PwSealInputStream
{
  GFilterInputStream parent_instance;

  crypto_secretstream_xchacha20poly1305_state *stream_state;   /* guarded memory */
  crypto_sign_state sign_state;
  guint8 signer_key[crypto_sign_PUBLICKEYBYTES];
  guint8 expected_signer[crypto_sign_PUBLICKEYBYTES];
  char *signer_label;
  GByteArray *header;       /* until the first part authenticates it */
  guint8 *part;
  guint8 *text;             /* the text of the last part read */
  gsize text_pos;
  gsize text_len;
  guint n_parts;
  GError *failure;          /* every read after a failure repeats it */
  gboolean has_expected_signer;
  gboolean verified;
};

G_DEFINE_FINAL_TYPE (PwSealInputStream, pw_seal_input_stream, G_TYPE_FILTER_INPUT_STREAM)

static gboolean
fail (GError **error, PwSealError code, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError **error, PwSealError code, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PW_SEAL_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

/* Up to @len bytes: fewer only at the end of the file.  -1 on an error. */
static gssize
read_base (PwSealInputStream  *self,
           guint8             *buffer,
           gsize               len,
           GCancellable       *cancellable,
           GError            **error)
{
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self));
  gsize got = 0;

  if (!g_input_stream_read_all (base, buffer, len, &got, cancellable, error))
    return -1;
  return got;
}

static gssize
read_signed (PwSealInputStream  *self,
             guint8             *buffer,
             gsize               len,
             GCancellable       *cancellable,
             GError            **error)
{
  gssize got = read_base (self, buffer, len, cancellable, error);

  if (got > 0)
    crypto_sign_update (&self->sign_state, buffer, got);
  return got;
}

static gboolean
read_magic_and_version (PwSealInputStream *self, guint8 *fixed, GError **error)
{
  gssize got = read_base (self, fixed, OFF_VERSION + 1, NULL, error);

  if (got < 0)
    return FALSE;
  if (got == 0)
    return fail (error, PW_SEAL_ERROR_NOT_SEALED, _("The file is empty, not a sealed file"));
  if (memcmp (fixed, magic, MIN ((gsize) got, sizeof magic)) != 0)
    return fail (error, PW_SEAL_ERROR_NOT_SEALED, _("This is not a sealed Pathway file"));
  if (got < OFF_VERSION + 1)
    return fail (error, PW_SEAL_ERROR_TRUNCATED, _("The file was cut short inside its header"));
  if (fixed[OFF_VERSION] != PW_SEAL_VERSION)
    return fail (error, PW_SEAL_ERROR_VERSION,
                 _("The file is in sealed format version %u; this version of Pathway reads "
                   "version %u"), fixed[OFF_VERSION], PW_SEAL_VERSION);
  return TRUE;
}

/* Everything up to the first part: kept whole, as the first part's
 * additional data. */
static gboolean
read_header_bytes (PwSealInputStream *self, GError **error)
{
  guint8 buffer[HEADER_FIXED + PW_SEAL_LABEL_MAX];
  gsize label_len;
  gssize got;

  if (!read_magic_and_version (self, buffer, error))
    return FALSE;
  got = read_base (self, buffer + OFF_VERSION + 1, HEADER_FIXED - OFF_VERSION - 1, NULL, error);
  if (got < 0)
    return FALSE;
  if (got < HEADER_FIXED - OFF_VERSION - 1)
    return fail (error, PW_SEAL_ERROR_TRUNCATED, _("The file was cut short inside its header"));
  if (sodium_is_zero (buffer + OFF_RESERVED, OFF_SEALED_KEY - OFF_RESERVED) != 1)
    return fail (error, PW_SEAL_ERROR_CORRUPT, _("The file’s header was changed: its reserved "
                                                 "bytes are not zero"));
  label_len = ((gsize) buffer[OFF_LABEL_LENGTH] << 8) | buffer[OFF_LABEL_LENGTH + 1];
  if (label_len > PW_SEAL_LABEL_MAX)
    return fail (error, PW_SEAL_ERROR_CORRUPT, _("The file’s header was changed: the signer’s "
                                                 "label is too long"));
  got = read_base (self, buffer + HEADER_FIXED, label_len, NULL, error);
  if (got < 0)
    return FALSE;
  if ((gsize) got < label_len)
    return fail (error, PW_SEAL_ERROR_TRUNCATED, _("The file was cut short inside its header"));
  if (!label_is_valid ((const char *) buffer + HEADER_FIXED, label_len))
    return fail (error, PW_SEAL_ERROR_CORRUPT, _("The file’s header was changed: the signer’s "
                                                 "label is not printable text"));
  self->header = g_byte_array_sized_new (HEADER_FIXED + label_len);
  g_byte_array_append (self->header, buffer, HEADER_FIXED + label_len);
  crypto_sign_update (&self->sign_state, self->header->data, self->header->len);
  return TRUE;
}

static gboolean
open_stream_key (PwSealInputStream  *self,
                 const guint8       *recipient_sk,
                 const guint8       *recipient_pk,
                 GError            **error)
{
  const guint8 *header = self->header->data;
  guint8 *key = pw_secure_alloc (crypto_secretstream_xchacha20poly1305_KEYBYTES);
  gboolean opened;

  opened = crypto_box_seal_open (key, header + OFF_SEALED_KEY, SEALED_KEY_BYTES, recipient_pk,
                                 recipient_sk) == 0 &&
           crypto_secretstream_xchacha20poly1305_init_pull (self->stream_state,
                                                            header + OFF_STREAM_HEADER,
                                                            key) == 0;
  pw_secure_free (key);
  if (!opened)
    return fail (error, PW_SEAL_ERROR_WRONG_KEY,
                 _("This file was sealed to another key: the secret key given does not open "
                   "it (or its sealed key was damaged)"));
  memcpy (self->signer_key, header + OFF_SIGNER, sizeof self->signer_key);
  self->signer_label = g_strndup ((const char *) header + HEADER_FIXED,
                                  self->header->len - HEADER_FIXED);
  return TRUE;
}

/* After the final tag: the signature, then nothing. */
static gboolean
read_signature (PwSealInputStream  *self,
                GCancellable       *cancellable,
                GError            **error)
{
  guint8 signature[SIGNATURE_BYTES];
  guint8 extra;
  gssize got = read_base (self, signature, sizeof signature, cancellable, error);

  if (got < 0)
    return FALSE;
  if (got < SIGNATURE_BYTES)
    return fail (error, PW_SEAL_ERROR_TRUNCATED,
                 got == 0 ? _("The file was cut short: its signature is missing")
                          : _("The file was cut short inside its signature"));
  got = read_base (self, &extra, 1, cancellable, error);
  if (got < 0)
    return FALSE;
  if (got > 0)
    return fail (error, PW_SEAL_ERROR_CORRUPT,
                 _("The file was changed: there is data after its signature"));
  if (crypto_sign_final_verify (&self->sign_state, signature, self->signer_key) != 0)
    return fail (error, PW_SEAL_ERROR_BAD_SIGNATURE,
                 _("The signature does not match the file: it was changed after it was "
                   "signed"));
  self->verified = TRUE;
  return TRUE;
}

static gboolean
check_signer (PwSealInputStream *self, GError **error)
{
  g_autofree char *fingerprint = NULL;

  if (!self->has_expected_signer ||
      sodium_memcmp (self->signer_key, self->expected_signer, sizeof self->signer_key) == 0)
    return TRUE;
  fingerprint = pw_seal_fingerprint (self->signer_key);
  return fail (error, PW_SEAL_ERROR_SIGNER,
               _("The file was signed by “%s” (key %s), not by the expected store"),
               self->signer_label, fingerprint);
}

static gboolean
read_part_length (PwSealInputStream  *self,
                  gsize              *len,
                  GCancellable       *cancellable,
                  GError            **error)
{
  guint8 length[LENGTH_BYTES];
  gssize got = read_signed (self, length, sizeof length, cancellable, error);

  if (got < 0)
    return FALSE;
  if (got < LENGTH_BYTES)
    return fail (error, PW_SEAL_ERROR_TRUNCATED,
                 _("The file was cut short: it ends before its last part"));
  *len = get_u32 (length);
  if (*len < TAG_BYTES || *len > PART_MAX)
    return fail (error, PW_SEAL_ERROR_CORRUPT,
                 _("The file was changed: part %u claims a length of %" G_GSIZE_FORMAT
                   " bytes, outside %u to %u"), self->n_parts + 1, *len, TAG_BYTES, PART_MAX);
  return TRUE;
}

static gboolean
decrypt_part (PwSealInputStream *self, gsize len, guint8 *tag, GError **error)
{
  const guint8 *ad = self->header != NULL ? self->header->data : NULL;
  gsize ad_len = self->header != NULL ? self->header->len : 0;
  unsigned long long text_len = 0;

  self->n_parts++;
  if (crypto_secretstream_xchacha20poly1305_pull (self->stream_state, self->text, &text_len, tag,
                                                  self->part, len, ad, ad_len) != 0)
    return fail (error, PW_SEAL_ERROR_CORRUPT,
                 _("The file was changed after it was sealed: part %u does not authenticate"),
                 self->n_parts);
  if (*tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE &&
      *tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    return fail (error, PW_SEAL_ERROR_CORRUPT,
                 _("The file was changed: part %u has an unknown tag"), self->n_parts);
  g_clear_pointer (&self->header, g_byte_array_unref);
  self->text_pos = 0;
  self->text_len = text_len;
  return TRUE;
}

/* One part; after the last one, the signature too, before its text is
 * handed out. */
static gboolean
read_part (PwSealInputStream  *self,
           GCancellable       *cancellable,
           GError            **error)
{
  gsize len = 0;
  guint8 tag = 0;
  gssize got;

  if (!read_part_length (self, &len, cancellable, error))
    return FALSE;
  got = read_signed (self, self->part, len, cancellable, error);
  if (got < 0)
    return FALSE;
  if ((gsize) got < len)
    return fail (error, PW_SEAL_ERROR_TRUNCATED,
                 _("The file was cut short inside part %u"), self->n_parts + 1);
  if (!decrypt_part (self, len, &tag, error))
    return FALSE;
  if (self->n_parts == 1 && !check_signer (self, error))
    return FALSE;
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    return read_signature (self, cancellable, error);
  return TRUE;
}

/* Text to hand out, or the verified end; a failure sticks. */
static gboolean
fill (PwSealInputStream  *self,
      GCancellable       *cancellable,
      GError            **error)
{
  GError *local_error = NULL;

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  while (self->text_pos == self->text_len && !self->verified)
    if (!read_part (self, cancellable, &local_error))
      {
        self->text_pos = self->text_len = 0;
        self->failure = g_error_copy (local_error);
        g_propagate_error (error, local_error);
        return FALSE;
      }
  return TRUE;
}

static gssize
pw_seal_input_stream_read (GInputStream  *stream,
                           void          *buffer,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  PwSealInputStream *self = PW_SEAL_INPUT_STREAM (stream);
  gsize n;

  if (!fill (self, cancellable, error))
    return -1;
  n = MIN (count, self->text_len - self->text_pos);
  memcpy (buffer, self->text + self->text_pos, n);
  self->text_pos += n;
  return n;
}

/* GFilterInputStream would skip over the ciphertext. */
static gssize
pw_seal_input_stream_skip (GInputStream  *stream,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  PwSealInputStream *self = PW_SEAL_INPUT_STREAM (stream);
  gsize n;

  if (!fill (self, cancellable, error))
    return -1;
  n = MIN (count, self->text_len - self->text_pos);
  self->text_pos += n;
  return n;
}

static void
pw_seal_input_stream_finalize (GObject *object)
{
  PwSealInputStream *self = PW_SEAL_INPUT_STREAM (object);

  g_clear_pointer (&self->stream_state, pw_secure_free);
  sodium_memzero (self->text, PW_SEAL_CHUNK_BYTES);
  g_free (self->text);
  g_free (self->part);
  g_free (self->signer_label);
  g_clear_pointer (&self->header, g_byte_array_unref);
  g_clear_error (&self->failure);
  G_OBJECT_CLASS (pw_seal_input_stream_parent_class)->finalize (object);
}

static void
pw_seal_input_stream_class_init (PwSealInputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = pw_seal_input_stream_finalize;
  stream_class->read_fn = pw_seal_input_stream_read;
  stream_class->skip = pw_seal_input_stream_skip;
}

static void
pw_seal_input_stream_init (PwSealInputStream *self)
{
  self->stream_state = (gpointer) pw_secure_alloc (sizeof *self->stream_state);
  self->text = g_malloc (PW_SEAL_CHUNK_BYTES);
  self->part = g_malloc (PART_MAX);
  crypto_sign_init (&self->sign_state);
}

/**
 * pw_seal_input_stream_new:
 * @base: a sealed file; closing the returned stream closes it
 * @recipient_sk: the council's X25519 secret key (pw_seal_read_secret_key())
 * @recipient_pk: (nullable): its public key, or %NULL to compute it
 *
 * Reads the header of a sealed file from @base and opens its stream key.
 * Reads from the returned stream give the text; the end of the file comes
 * only after the final tag and the signature have been checked, and any
 * failure (a %PW_SEAL_ERROR) repeats on every later read.  Text returned
 * before a failure must be thrown away.  On failure @base is left open.
 *
 * Returns: (transfer full): the stream, or %NULL with @error set
 */
GInputStream *
pw_seal_input_stream_new (GInputStream  *base,
                          const guint8  *recipient_sk,
                          const guint8  *recipient_pk,
                          GError       **error)
{
  g_autoptr(PwSealInputStream) self = NULL;
  guint8 public_key[crypto_box_PUBLICKEYBYTES];

  g_return_val_if_fail (G_IS_INPUT_STREAM (base), NULL);
  g_return_val_if_fail (recipient_sk != NULL, NULL);

  pw_crypto_init ();
  if (recipient_pk == NULL)
    crypto_scalarmult_base (public_key, recipient_sk);
  self = g_object_new (PW_TYPE_SEAL_INPUT_STREAM, "base-stream", base, NULL);
  if (read_header_bytes (self, error) &&
      open_stream_key (self, recipient_sk, recipient_pk != NULL ? recipient_pk : public_key,
                       error))
    return G_INPUT_STREAM (g_steal_pointer (&self));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (self), FALSE);
  return NULL;
}

/**
 * pw_seal_input_stream_set_expected_signer:
 * @signer_key: (nullable): the Ed25519 public key the file must be signed
 *   with (pw_seal_read_signer_key()), or %NULL to accept any
 *
 * Call before the first read: the first read then fails with
 * %PW_SEAL_ERROR_SIGNER, before any text is returned, if the file names
 * another signer.
 */
void
pw_seal_input_stream_set_expected_signer (PwSealInputStream *self,
                                          const guint8      *signer_key)
{
  g_return_if_fail (PW_IS_SEAL_INPUT_STREAM (self));
  g_return_if_fail (self->n_parts == 0);

  self->has_expected_signer = signer_key != NULL;
  if (signer_key != NULL)
    memcpy (self->expected_signer, signer_key, sizeof self->expected_signer);
}

/**
 * pw_seal_input_stream_get_signer_label:
 *
 * Who the file says signed it.  The label is authenticated by the first
 * part and signed; rely on it once pw_seal_input_stream_get_verified() is
 * %TRUE.
 *
 * Returns: (transfer none): printable UTF-8
 */
const char *
pw_seal_input_stream_get_signer_label (PwSealInputStream *self)
{
  g_return_val_if_fail (PW_IS_SEAL_INPUT_STREAM (self), NULL);

  return self->signer_label;
}

/**
 * pw_seal_input_stream_get_signer_key:
 *
 * The Ed25519 public key the file is signed with (see
 * pw_seal_fingerprint()); rely on it once pw_seal_input_stream_get_verified()
 * is %TRUE.
 *
 * Returns: (transfer none): %PW_SEAL_SIGNER_KEY_BYTES bytes
 */
const guint8 *
pw_seal_input_stream_get_signer_key (PwSealInputStream *self)
{
  g_return_val_if_fail (PW_IS_SEAL_INPUT_STREAM (self), NULL);

  return self->signer_key;
}

/**
 * pw_seal_input_stream_get_verified:
 *
 * Returns: %TRUE once the final tag and the signature have been checked,
 *   that is, once a read has returned the end of the file
 */
gboolean
pw_seal_input_stream_get_verified (PwSealInputStream *self)
{
  g_return_val_if_fail (PW_IS_SEAL_INPUT_STREAM (self), FALSE);

  return self->verified;
}
