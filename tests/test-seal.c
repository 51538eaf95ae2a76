/* test-seal.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Sealed files: what the council gets back is exactly what the store
 * sealed, and a file cut short, edited, extended, opened with the wrong key
 * or signed by someone else is refused, never half accepted. */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "pw-caseload.h"
#include "pw-seal.h"
#include "pw-test-util.h"

#define CHUNK      PW_SEAL_CHUNK_BYTES
#define TAG        crypto_secretstream_xchacha20poly1305_ABYTES
#define PART       (4 + CHUNK + TAG)     /* a full part on disk */
#define HEADER     154                   /* before the label */
#define SIGNATURE  64
#define LABEL      "Oakfield Primary School"

typedef struct
{
  guint8 recipient_pk[crypto_box_PUBLICKEYBYTES];
  guint8 recipient_sk[crypto_box_SECRETKEYBYTES];
  guint8 signer_pk[crypto_sign_PUBLICKEYBYTES];
  guint8 signer_sk[crypto_sign_SECRETKEYBYTES];
} Keys;

typedef struct
{
  GBytes *text;             /* what reads returned before the end or an error */
  GError *error;
  gboolean verified;
  char *label;
  guint8 signer_pk[crypto_sign_PUBLICKEYBYTES];
} Opened;

static void
opened_clear (Opened *opened)
{
  g_clear_pointer (&opened->text, g_bytes_unref);
  g_clear_error (&opened->error);
  g_clear_pointer (&opened->label, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Opened, opened_clear)

static void
keys_init (Keys *keys)
{
  g_assert_cmpint (sodium_init (), >=, 0);
  crypto_box_keypair (keys->recipient_pk, keys->recipient_sk);
  crypto_sign_keypair (keys->signer_pk, keys->signer_sk);
}

/* Text that does not repeat, so a part out of place would show. */
static GBytes *
make_text (gsize len)
{
  guint8 *data = g_malloc (len + 1);
  GRand *rand = g_rand_new_with_seed (len);

  for (gsize i = 0; i < len; i++)
    data[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  return g_bytes_new_take (data, len);
}

/* Written in pieces of @piece bytes, as an XML writer would. */
static GBytes *
seal_with (const Keys *keys, GBytes *text, const char *label, gsize piece)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) sealed = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (text, &len);

  sealed = pw_seal_output_stream_new (memory, keys->recipient_pk, keys->signer_sk, label, &error);
  g_assert_no_error (error);
  for (gsize done = 0; done < len; done += MIN (piece, len - done))
    {
      g_output_stream_write_all (sealed, data + done, MIN (piece, len - done), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_output_stream_close (sealed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_is_closed (memory));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
seal (const Keys *keys, GBytes *text)
{
  return seal_with (keys, text, LABEL, 8192);
}

static gsize
sealed_size (gsize text_len, gsize label_len)
{
  gsize n_parts = MAX (1, (text_len + CHUNK - 1) / CHUNK);

  return HEADER + label_len + n_parts * (4 + TAG) + text_len + SIGNATURE;
}

/* Reads @sealed to the end or the first error, in reads of @piece bytes. */
static void
open_with (Opened        *opened,
           const Keys    *keys,
           GBytes        *sealed,
           const guint8  *expected_signer,
           gsize          piece)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (sealed);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) text = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (piece);
  gssize n;

  stream = pw_seal_input_stream_new (memory, keys->recipient_sk, keys->recipient_pk,
                                     &opened->error);
  if (stream == NULL)
    {
      g_assert_false (g_input_stream_is_closed (memory));
      opened->text = g_bytes_new (NULL, 0);
      return;
    }
  pw_seal_input_stream_set_expected_signer (PW_SEAL_INPUT_STREAM (stream), expected_signer);
  while ((n = g_input_stream_read (stream, buffer, piece, NULL, &opened->error)) > 0)
    g_byte_array_append (text, buffer, n);
  opened->verified = pw_seal_input_stream_get_verified (PW_SEAL_INPUT_STREAM (stream));
  /* The end of the file comes only after everything checked out. */
  g_assert_true (n < 0 ? !opened->verified && opened->error != NULL
                       : opened->verified && opened->error == NULL);
  opened->label = g_strdup (pw_seal_input_stream_get_signer_label (PW_SEAL_INPUT_STREAM (stream)));
  memcpy (opened->signer_pk, pw_seal_input_stream_get_signer_key (PW_SEAL_INPUT_STREAM (stream)),
          sizeof opened->signer_pk);
  opened->text = g_byte_array_free_to_bytes (g_steal_pointer (&text));
}

static void
open_sealed (Opened *opened, const Keys *keys, GBytes *sealed)
{
  open_with (opened, keys, sealed, NULL, 4096);
}

static GBytes *
edited (GBytes *sealed, gsize offset, guint8 mask)
{
  gsize len = g_bytes_get_size (sealed);
  guint8 *data = g_memdup2 (g_bytes_get_data (sealed, NULL), len);

  g_assert_cmpuint (offset, <, len);
  data[offset] ^= mask;
  return g_bytes_new_take (data, len);
}

static GBytes *
cut (GBytes *sealed, gsize len)
{
  g_assert_cmpuint (len, <=, g_bytes_get_size (sealed));
  return g_bytes_new_from_bytes (sealed, 0, len);
}

static void
assert_refused (GBytes *sealed, const Keys *keys, GQuark domain, int code, GBytes *text)
{
  g_auto(Opened) opened = { 0 };

  open_sealed (&opened, keys, sealed);
  g_assert_error (opened.error, domain, code);
  g_assert_false (opened.verified);
  g_assert_cmpuint (g_bytes_get_size (opened.text), <, MAX (1, g_bytes_get_size (text)));
}

/* Round trips ------------------------------------------------------------------ */

static void
test_round_trip (void)
{
  const gsize sizes[] = { 0, 1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 200 * 1024 };
  const gsize pieces[] = { 1, 7, 4096, 3 * CHUNK };
  Keys keys;

  keys_init (&keys);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) text = make_text (sizes[i]);
      g_autoptr(GBytes) sealed = seal_with (&keys, text, LABEL, pieces[i % G_N_ELEMENTS (pieces)]);
      g_auto(Opened) opened = { 0 };

      g_test_message ("%" G_GSIZE_FORMAT " bytes", sizes[i]);
      g_assert_cmpuint (g_bytes_get_size (sealed), ==, sealed_size (sizes[i], strlen (LABEL)));
      open_with (&opened, &keys, sealed, NULL, i % 2 == 0 ? 4096 : 7);
      g_assert_no_error (opened.error);
      g_assert_true (opened.verified);
      g_assert_true (g_bytes_equal (opened.text, text));
      g_assert_cmpstr (opened.label, ==, LABEL);
      g_assert_cmpmem (opened.signer_pk, sizeof opened.signer_pk, keys.signer_pk,
                       sizeof keys.signer_pk);
    }
}

/* The layout that README.md documents, and the text nowhere in clear. */
static void
test_layout (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("<case>Ada Lovelace</case>", 25);
  g_autoptr(GBytes) sealed = NULL;
  const guint8 *data;
  gsize len;
  Keys keys;

  keys_init (&keys);
  sealed = seal (&keys, text);
  data = g_bytes_get_data (sealed, &len);
  g_assert_true (pw_seal_is_sealed (data, len));
  g_assert_false (pw_seal_is_sealed (data, 7));
  g_assert_false (pw_seal_is_sealed ((const guint8 *) "<?xml version", 13));
  g_assert_cmpmem (data, 8, "PWSEALED", 8);
  g_assert_cmpuint (data[8], ==, 1);
  g_assert_true (sodium_is_zero (data + 9, 7));
  g_assert_cmpmem (data + 120, 32, keys.signer_pk, 32);
  g_assert_cmpuint ((data[152] << 8) | data[153], ==, strlen (LABEL));
  g_assert_cmpmem (data + HEADER, strlen (LABEL), LABEL, strlen (LABEL));
  data += HEADER + strlen (LABEL);
  g_assert_cmpuint (((guint32) data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3], ==,
                    25 + TAG);
  g_assert_null (memmem (g_bytes_get_data (sealed, NULL), len, "Lovelace", 8));
}

static void
test_labels (void)
{
  g_autoptr(GBytes) text = make_text (100);
  g_autofree char *longest = g_strnfill (PW_SEAL_LABEL_MAX, 'a');
  g_autofree char *too_long = g_strnfill (PW_SEAL_LABEL_MAX + 1, 'a');
  const char *refused[] = { too_long, "Oakfield\nSigned by the council", "Oak\033[2Jfield",
                            "Oakfield \xff" };
  const char *accepted[] = { "", "École Sainte-Thérèse", longest };
  Keys keys;

  keys_init (&keys);
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GBytes) sealed = seal_with (&keys, text, accepted[i], 100);
      g_auto(Opened) opened = { 0 };

      open_sealed (&opened, &keys, sealed);
      g_assert_no_error (opened.error);
      g_assert_cmpstr (opened.label, ==, accepted[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      g_autoptr(GOutputStream) sealed = NULL;
      g_autoptr(GError) error = NULL;

      sealed = pw_seal_output_stream_new (memory, keys.recipient_pk, keys.signer_sk, refused[i],
                                          &error);
      g_assert_null (sealed);
      g_assert_error (error, PW_SEAL_ERROR, PW_SEAL_ERROR_INVALID);
      g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)),
                        ==, 0);
      g_assert_false (g_output_stream_is_closed (memory));
    }
}

/* A reader that skips lands where a reader that reads would. */
static void
test_skip (void)
{
  g_autoptr(GBytes) text = make_text (200 * 1024);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GInputStream) memory = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *rest = g_malloc (200 * 1024);
  gsize skipped = 0;
  gsize got = 0;
  Keys keys;

  keys_init (&keys);
  sealed = seal (&keys, text);
  memory = g_memory_input_stream_new_from_bytes (sealed);
  stream = pw_seal_input_stream_new (memory, keys.recipient_sk, NULL, &error);
  g_assert_no_error (error);
  while (skipped < 150000)
    skipped += g_input_stream_skip (stream, 150000 - skipped, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read_all (stream, rest, 200 * 1024, &got, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (rest, got, (const guint8 *) g_bytes_get_data (text, NULL) + 150000,
                   200 * 1024 - 150000);
  g_assert_true (pw_seal_input_stream_get_verified (PW_SEAL_INPUT_STREAM (stream)));
}

/* Refusals --------------------------------------------------------------------- */

static void
test_truncated (void)
{
  g_autoptr(GBytes) text = make_text (200 * 1024);   /* three full parts and a last one */
  g_autoptr(GBytes) sealed = NULL;
  gsize header = HEADER + strlen (LABEL);
  gsize last_part = header + 3 * PART;
  gsize size;
  Keys keys;
  struct
  {
    const char *where;
    gsize len;
  } cuts[] = {
    { "inside the magic", 4 },
    { "after the magic", 8 },
    { "inside the sealed key", 40 },
    { "inside the label", HEADER + 3 },
    { "before the first part", header },
    { "inside a part's length", header + 2 },
    { "inside the first part", header + 4 + 1000 },
    { "between parts", header + PART },
    { "before the last part", last_part },
    { "inside the last part", last_part + 100 },
    { "before the signature", 0 },
    { "inside the signature", 0 },
    { "one byte short", 0 },
  };

  keys_init (&keys);
  sealed = seal (&keys, text);
  size = g_bytes_get_size (sealed);
  g_assert_cmpuint (size, ==, last_part + 4 + 8192 + TAG + SIGNATURE);
  cuts[10].len = size - SIGNATURE;
  cuts[11].len = size - SIGNATURE / 2;
  cuts[12].len = size - 1;
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) short_file = cut (sealed, cuts[i].len);
      g_auto(Opened) opened = { 0 };

      g_test_message ("cut %s", cuts[i].where);
      open_sealed (&opened, &keys, short_file);
      g_assert_error (opened.error, PW_SEAL_ERROR, PW_SEAL_ERROR_TRUNCATED);
      g_assert_false (opened.verified);
      /* The last part's text waits for the signature. */
      g_assert_cmpuint (g_bytes_get_size (opened.text), <=, 3 * CHUNK);
    }
}

static void
test_tampered (void)
{
  g_autoptr(GBytes) text = make_text (200 * 1024);
  g_autoptr(GBytes) sealed = NULL;
  gsize header = HEADER + strlen (LABEL);
  gsize size;
  Keys keys;
  struct
  {
    const char *where;
    gsize offset;
    guint8 mask;
    int code;
  } edits[] = {
    { "magic", 0, 0x01, PW_SEAL_ERROR_NOT_SEALED },
    { "version", 8, 0x03, PW_SEAL_ERROR_VERSION },
    { "reserved", 12, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "sealed key", 16 + 50, 0x01, PW_SEAL_ERROR_WRONG_KEY },
    { "ephemeral key of the sealed key", 16, 0x01, PW_SEAL_ERROR_WRONG_KEY },
    { "stream header", 100, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "signer key", 130, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "label length, high byte", 152, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "label length, low byte", 153, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "label", HEADER + 1, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "label, made invalid UTF-8", HEADER + 1, 0x80, PW_SEAL_ERROR_CORRUPT },
    { "first part's length", header + 3, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "first part", header + 4 + 500, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "first part's tag", header + PART - 1, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "third part", header + 2 * PART + 4 + 7, 0x40, PW_SEAL_ERROR_CORRUPT },
    { "last part", header + 3 * PART + 4 + 10, 0x01, PW_SEAL_ERROR_CORRUPT },
    { "signature, first byte", 0, 0x01, PW_SEAL_ERROR_BAD_SIGNATURE },
    { "signature, last byte", 0, 0x80, PW_SEAL_ERROR_BAD_SIGNATURE },
  };

  keys_init (&keys);
  sealed = seal (&keys, text);
  size = g_bytes_get_size (sealed);
  edits[16].offset = size - SIGNATURE;
  edits[17].offset = size - 1;
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(GBytes) changed = edited (sealed, edits[i].offset, edits[i].mask);

      g_test_message ("edit the %s", edits[i].where);
      assert_refused (changed, &keys, PW_SEAL_ERROR, edits[i].code, text);
    }
}

/* Parts are numbered by the stream: none can be moved, dropped or repeated. */
static void
test_parts_out_of_place (void)
{
  g_autoptr(GBytes) text = make_text (200 * 1024);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GByteArray) swapped = g_byte_array_new ();
  g_autoptr(GByteArray) dropped = g_byte_array_new ();
  g_autoptr(GBytes) swapped_bytes = NULL;
  g_autoptr(GBytes) dropped_bytes = NULL;
  gsize header = HEADER + strlen (LABEL);
  const guint8 *data;
  gsize size;
  Keys keys;

  keys_init (&keys);
  sealed = seal (&keys, text);
  data = g_bytes_get_data (sealed, &size);
  g_byte_array_append (swapped, data, header);
  g_byte_array_append (swapped, data + header + PART, PART);
  g_byte_array_append (swapped, data + header, PART);
  g_byte_array_append (swapped, data + header + 2 * PART, size - header - 2 * PART);
  swapped_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&swapped));
  assert_refused (swapped_bytes, &keys, PW_SEAL_ERROR, PW_SEAL_ERROR_CORRUPT, text);

  g_byte_array_append (dropped, data, header + PART);
  g_byte_array_append (dropped, data + header + 2 * PART, size - header - 2 * PART);
  dropped_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&dropped));
  assert_refused (dropped_bytes, &keys, PW_SEAL_ERROR, PW_SEAL_ERROR_CORRUPT, text);
}

static void
test_extra_bytes (void)
{
  g_autoptr(GBytes) text = make_text (1000);
  g_autoptr(GBytes) sealed = NULL;
  Keys keys;

  keys_init (&keys);
  sealed = seal (&keys, text);
  for (gsize extra = 1; extra <= 128; extra *= 8)
    {
      g_autoptr(GByteArray) longer = g_byte_array_new ();
      g_autoptr(GBytes) longer_bytes = NULL;
      guint8 zeros[128] = { 0 };

      g_byte_array_append (longer, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
      g_byte_array_append (longer, zeros, extra);
      longer_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
      assert_refused (longer_bytes, &keys, PW_SEAL_ERROR, PW_SEAL_ERROR_CORRUPT, text);
    }
}

/* A length field claiming 4 GiB is refused before anything is read for it. */
static void
test_absurd_part_length (void)
{
  g_autoptr(GBytes) text = make_text (1000);
  g_autoptr(GBytes) sealed = NULL;
  gsize header = HEADER + strlen (LABEL);
  const guint32 lengths[] = { 0xFFFFFFFF, PART - 4 + 1, TAG - 1, 0 };
  Keys keys;

  keys_init (&keys);
  sealed = seal (&keys, text);
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (sealed, NULL),
                                           g_bytes_get_size (sealed));
      g_autoptr(GBytes) changed = NULL;
      g_autoptr(GInputStream) memory = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) error = NULL;
      guint8 buffer[16];

      data[header] = lengths[i] >> 24;
      data[header + 1] = (lengths[i] >> 16) & 0xff;
      data[header + 2] = (lengths[i] >> 8) & 0xff;
      data[header + 3] = lengths[i] & 0xff;
      changed = g_bytes_new (data, g_bytes_get_size (sealed));
      memory = g_memory_input_stream_new_from_bytes (changed);
      stream = pw_seal_input_stream_new (memory, keys.recipient_sk, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error), ==, -1);
      g_assert_error (error, PW_SEAL_ERROR, PW_SEAL_ERROR_CORRUPT);
      g_assert_cmpint (g_seekable_tell (G_SEEKABLE (memory)), ==, header + 4);
      /* The failure sticks. */
      g_clear_error (&error);
      g_assert_cmpint (g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error), ==, -1);
      g_assert_error (error, PW_SEAL_ERROR, PW_SEAL_ERROR_CORRUPT);
    }
}

static void
test_wrong_key (void)
{
  g_autoptr(GBytes) text = make_text (1000);
  g_autoptr(GBytes) sealed = NULL;
  g_auto(Opened) opened = { 0 };
  Keys keys;
  Keys other;

  keys_init (&keys);
  keys_init (&other);
  sealed = seal (&keys, text);
  open_sealed (&opened, &other, sealed);
  g_assert_error (opened.error, PW_SEAL_ERROR, PW_SEAL_ERROR_WRONG_KEY);
  g_assert_cmpuint (g_bytes_get_size (opened.text), ==, 0);
}

static void
test_not_sealed (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) xml = g_bytes_new_static ("<?xml version=\"1.0\"?><case/>", 28);
  Keys keys;

  keys_init (&keys);
  assert_refused (empty, &keys, PW_SEAL_ERROR, PW_SEAL_ERROR_NOT_SEALED, empty);
  assert_refused (xml, &keys, PW_SEAL_ERROR, PW_SEAL_ERROR_NOT_SEALED, xml);
}

/* With an expected signer, another store's file gives no text at all. */
static void
test_expected_signer (void)
{
  g_autoptr(GBytes) text = make_text (1000);
  g_autoptr(GBytes) sealed = NULL;
  g_auto(Opened) right = { 0 };
  g_auto(Opened) wrong = { 0 };
  Keys keys;
  Keys other;

  keys_init (&keys);
  keys_init (&other);
  sealed = seal (&keys, text);
  open_with (&right, &keys, sealed, keys.signer_pk, 4096);
  g_assert_no_error (right.error);
  g_assert_true (g_bytes_equal (right.text, text));

  open_with (&wrong, &keys, sealed, other.signer_pk, 4096);
  g_assert_error (wrong.error, PW_SEAL_ERROR, PW_SEAL_ERROR_SIGNER);
  pw_test_assert_message_contains (wrong.error, LABEL);
  g_assert_cmpuint (g_bytes_get_size (wrong.text), ==, 0);
}

/* A writer dropped without closing, as after an export fails, leaves a
 * file that no reader takes for whole. */
static void
test_unclosed_writer (void)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) sealed = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) text = make_text (100000);
  g_autoptr(GError) error = NULL;
  Keys keys;

  keys_init (&keys);
  sealed = pw_seal_output_stream_new (memory, keys.recipient_pk, keys.signer_sk, LABEL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (sealed, g_bytes_get_data (text, NULL), 100000, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&sealed);
  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  assert_refused (written, &keys, PW_SEAL_ERROR, PW_SEAL_ERROR_TRUNCATED, text);
}

/* Key files -------------------------------------------------------------------- */

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_key_file_error (const char *path, int kind, const char *needle)
{
  guint8 key[32];
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (kind == 0)
    ok = pw_seal_read_public_key (path, key, &error);
  else if (kind == 1)
    ok = pw_seal_read_secret_key (path, key, &error);
  else
    ok = pw_seal_read_signer_key (path, key, &error);
  g_assert_false (ok);
  g_assert_error (error, PW_SEAL_ERROR, PW_SEAL_ERROR_KEY_FILE);
  pw_test_assert_message_contains (error, needle);
}

static void
test_keygen (void)
{
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autofree char *public_text = NULL;
  g_autoptr(GError) error = NULL;
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 sk[crypto_box_SECRETKEYBYTES];
  guint8 derived[crypto_box_PUBLICKEYBYTES];
  GStatBuf st;
  PwTestDir td;

  pw_test_dir_init (&td);
  public_path = g_build_filename (td.dir, "council.pub", NULL);
  secret_path = g_build_filename (td.dir, "council.key", NULL);
  g_assert_true (pw_seal_keygen (public_path, secret_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (secret_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_files (td.dir), ==, 2);
  public_text = pw_test_read_file (public_path, NULL);
  g_assert_true (g_str_has_prefix (public_text, "pathway-recipient-public-key-1\n"));

  g_assert_true (pw_seal_read_public_key (public_path, pk, &error));
  g_assert_true (pw_seal_read_secret_key (secret_path, sk, &error));
  g_assert_no_error (error);
  crypto_scalarmult_base (derived, sk);
  g_assert_cmpmem (derived, sizeof derived, pk, sizeof pk);

  /* Never overwritten. */
  g_assert_false (pw_seal_keygen (public_path, secret_path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_unlink (public_path);
  g_assert_false (pw_seal_keygen (public_path, secret_path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_false (g_file_test (public_path, G_FILE_TEST_EXISTS));
  g_assert_true (pw_seal_read_secret_key (secret_path, derived, NULL));
  g_assert_cmpmem (derived, sizeof derived, sk, sizeof sk);
  g_assert_cmpuint (count_files (td.dir), ==, 1);
  sodium_memzero (sk, sizeof sk);
  pw_test_dir_clear (&td);
}

static void
test_key_file_errors (void)
{
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autofree char *signer_path = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *too_long = g_strnfill (600, 'A');
  g_autoptr(GError) error = NULL;
  guint8 key[32];
  PwTestDir td;

  pw_test_dir_init (&td);
  public_path = g_build_filename (td.dir, "council.pub", NULL);
  secret_path = g_build_filename (td.dir, "council.key", NULL);
  signer_path = g_build_filename (td.dir, "store.signer", NULL);
  other_path = g_build_filename (td.dir, "other", NULL);
  g_assert_true (pw_seal_keygen (public_path, secret_path, NULL));
  memset (key, 7, sizeof key);
  g_assert_true (pw_seal_write_signer_key (signer_path, key, NULL));

  assert_key_file_error (secret_path, 0, "a secret key was given where a public key is needed");
  assert_key_file_error (public_path, 1, "a public key was given where a secret key is needed");
  assert_key_file_error (signer_path, 0, "signing key was given where a public key is needed");
  assert_key_file_error (public_path, 2, "a public key was given where a store’s signing key");

  pw_test_write_file (other_path, "ssh-ed25519 AAAAC3Nza me@example\n", 34);
  assert_key_file_error (other_path, 0, "not a Pathway public key file");
  assert_key_file_error (other_path, 1, "not a Pathway secret key file");
  assert_key_file_error (other_path, 2, "not a Pathway signing key file");
  pw_test_write_file (other_path, "pathway-recipient-public-key-1\nAAAA\n", 36);
  assert_key_file_error (other_path, 0, "damaged");
  pw_test_write_file (other_path, "pathway-recipient-public-key-1", 30);
  assert_key_file_error (other_path, 0, "damaged");
  pw_test_write_file (other_path, too_long, strlen (too_long));
  assert_key_file_error (other_path, 0, "too long");
  /* A low-order point would let anyone read what is sealed to it. */
  pw_test_write_file (other_path, "pathway-recipient-public-key-1\n"
                      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", 76);
  assert_key_file_error (other_path, 0, "cannot be used");

  g_unlink (other_path);
  g_assert_false (pw_seal_read_public_key (other_path, key, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  pw_test_dir_clear (&td);
}

static void
test_signer_key_file (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  guint8 read_back[crypto_sign_PUBLICKEYBYTES];
  PwTestDir td;

  pw_test_dir_init (&td);
  path = g_build_filename (td.dir, "oakfield.signer", NULL);
  crypto_sign_keypair (pk, sk);
  g_assert_true (pw_seal_write_signer_key (path, pk, &error));
  g_assert_no_error (error);
  g_assert_true (pw_test_file_contains (path, "pathway-signer-public-key-1\n"));
  g_assert_true (pw_seal_read_signer_key (path, read_back, &error));
  g_assert_cmpmem (read_back, sizeof read_back, pk, sizeof pk);

  /* Written again, it is replaced whole. */
  crypto_sign_keypair (pk, sk);
  g_assert_true (pw_seal_write_signer_key (path, pk, &error));
  g_assert_true (pw_seal_read_signer_key (path, read_back, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (read_back, sizeof read_back, pk, sizeof pk);
  g_assert_cmpuint (count_files (td.dir), ==, 1);
  pw_test_dir_clear (&td);
}

static void
test_fingerprint (void)
{
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^[0-9a-f]{4}( [0-9a-f]{4}){7}$", 0, 0, NULL);
  Keys keys;
  Keys other_keys;

  keys_init (&keys);
  keys_init (&other_keys);
  first = pw_seal_fingerprint (keys.signer_pk);
  again = pw_seal_fingerprint (keys.signer_pk);
  other = pw_seal_fingerprint (other_keys.signer_pk);
  g_assert_true (g_regex_match (regex, first, 0, NULL));
  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
}

/* The store's signing key -------------------------------------------------------- */

static void
assert_keys_pair (const guint8 *sk, const guint8 *pk)
{
  guint8 signature[crypto_sign_BYTES];

  crypto_sign_detached (signature, NULL, (const guint8 *) "x", 1, sk);
  g_assert_cmpint (crypto_sign_verify_detached (signature, (const guint8 *) "x", 1, pk), ==, 0);
}

static void
test_signing_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk2[crypto_sign_SECRETKEYBYTES];
  guint8 pk2[crypto_sign_PUBLICKEYBYTES];
  guint64 n_before = 0;
  guint64 n_after = 0;
  PwStore *store;
  PwCaseload *caseload;
  PwTestDir td;

  caseload = pw_test_caseload_new (&td, &store);
  g_assert_true (pw_caseload_verify_audit (caseload, &n_before, &error));
  g_assert_true (pw_caseload_get_signing_key (caseload, sk, pk, &error));
  g_assert_no_error (error);
  assert_keys_pair (sk, pk);
  g_assert_true (pw_caseload_get_signing_key (caseload, sk2, pk2, &error));
  g_assert_cmpmem (sk2, sizeof sk2, sk, sizeof sk);
  g_assert_cmpmem (pk2, sizeof pk2, pk, sizeof pk);
  /* It was made with the store: asking for it writes nothing. */
  g_assert_true (pw_caseload_verify_audit (caseload, &n_after, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_after, ==, n_before);
  stored = pw_test_query_text (store, "SELECT value FROM store_meta WHERE key = 'signing-key'");
  pw_test_run_main_context ();
  g_assert_finalize_object (caseload);
  g_assert_finalize_object (store);

  /* Kept encrypted, and the same after the store is closed and opened. */
  g_assert_false (pw_test_file_contains (td.path, stored));
  store = pw_test_reopen (td.path, PW_TEST_PASSPHRASE);
  caseload = pw_caseload_new (store, &error);
  g_assert_no_error (error);
  memset (sk2, 0, sizeof sk2);
  g_assert_true (pw_caseload_get_signing_key (caseload, sk2, pk2, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (sk2, sizeof sk2, sk, sizeof sk);
  g_assert_cmpmem (pk2, sizeof pk2, pk, sizeof pk);
  pw_test_caseload_free (&td, store, caseload);
}

static void
test_damaged_signing_key (void)
{
  g_autoptr(GError) error = NULL;
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  gint64 changed = 0;
  PwStore *store;
  PwCaseload *caseload;
  PwTestDir td;

  caseload = pw_test_caseload_new (&td, &store);
  g_assert_true (pw_caseload_get_signing_key (caseload, sk, pk, &error));
  /* The public half no longer matches the seed. */
  g_assert_true (pw_test_query_int64 (store, "UPDATE store_meta SET value = "
                                      "substr(value, 1, 60) || "
                                      "CASE substr(value, 61, 1) WHEN 'A' THEN 'B' ELSE 'A' END "
                                      "|| substr(value, 62) WHERE key = 'signing-key' "
                                      "RETURNING 1", &changed, &error));
  g_assert_cmpint (changed, ==, 1);
  g_assert_false (pw_caseload_get_signing_key (caseload, sk, pk, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  g_assert_true (sodium_is_zero (sk, sizeof sk));
  pw_test_caseload_free (&td, store, caseload);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/seal/round-trip", test_round_trip);
  g_test_add_func ("/seal/layout", test_layout);
  g_test_add_func ("/seal/labels", test_labels);
  g_test_add_func ("/seal/skip", test_skip);
  g_test_add_func ("/seal/truncated", test_truncated);
  g_test_add_func ("/seal/tampered", test_tampered);
  g_test_add_func ("/seal/parts-out-of-place", test_parts_out_of_place);
  g_test_add_func ("/seal/extra-bytes", test_extra_bytes);
  g_test_add_func ("/seal/absurd-part-length", test_absurd_part_length);
  g_test_add_func ("/seal/wrong-key", test_wrong_key);
  g_test_add_func ("/seal/not-sealed", test_not_sealed);
  g_test_add_func ("/seal/expected-signer", test_expected_signer);
  g_test_add_func ("/seal/unclosed-writer", test_unclosed_writer);
  g_test_add_func ("/seal/keygen", test_keygen);
  g_test_add_func ("/seal/key-file-errors", test_key_file_errors);
  g_test_add_func ("/seal/signer-key-file", test_signer_key_file);
  g_test_add_func ("/seal/fingerprint", test_fingerprint);
  g_test_add_func ("/seal/signing-key", test_signing_key);
  g_test_add_func ("/seal/damaged-signing-key", test_damaged_signing_key);

  return g_test_run ();
}
