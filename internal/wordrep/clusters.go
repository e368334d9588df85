package wordrep

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"sync"
)

// clustersGz is the shipped word-cluster table: provenance in MODEL.md.
//
//go:embed clusters.tsv.gz
var clustersGz []byte

// ClustersSHA256 is the sha256 of the shipped table's file
// (clusters.tsv.gz): the name a NER model trained with it records
// (ner.Model.Words), and what TestShippedClusters checks the file against.
const ClustersSHA256 = "eb3728319c89dc25db33360e8142b71d4833a0a52952a3f92a00e5c3bf2e4f61"

// Clusters returns the shipped word-cluster table, read on the first call
// (about 75,000 units; the tagger asks for it when it first loads).
var Clusters = sync.OnceValues(func() (*Table, error) {
	if sum := sha256.Sum256(clustersGz); hex.EncodeToString(sum[:]) != ClustersSHA256 {
		return nil, fmt.Errorf("word table: the embedded clusters.tsv.gz has sha256 %x, not %s", sum, ClustersSHA256)
	}
	t, err := Read(bytes.NewReader(clustersGz))
	if err != nil {
		return nil, fmt.Errorf("embedded clusters.tsv.gz: %w", err)
	}
	return t, nil
})
