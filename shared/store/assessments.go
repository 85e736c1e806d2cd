package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
)

func assessmentSK(seq int) string { return fmt.Sprintf("ASSESSMENT#%06d", seq) }

// SaveAssessment writes assessment seq of a manifest version and updates the header, in one
// transaction guarded three times: the header must still be at that version (a rescore never
// overwrites a newer amendment), at the previous assessment (two deliveries or a racing rescan
// never write two assessments for one slot, and the header never points at an older assessment
// than exists), and in a status the new one may follow: SCREENED or FLAGGED only replace an
// undecided status, any other status only itself, so a reviewer's decision that committed after
// the scorer read the header is never undone. status is the header's new status. Any of the
// three failing is ErrAssessed: the caller reads the header again and decides afresh.
func (s *Store) SaveAssessment(ctx context.Context, id string, version, seq int, a rules.Assessment, status paxscreen.Status) error {
	rec := paxscreen.AssessmentRecord{Seq: seq, ManifestVersion: version, AssessedAt: s.now().Format(time.RFC3339Nano), Assessment: a}
	body, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode assessment of %s: %w", id, err)
	}
	item := keyOf(manifestPK(id), assessmentSK(seq))
	item["type"] = str("ASSESSMENT")
	item["manifestId"] = str(id)
	item["seq"] = &types.AttributeValueMemberN{Value: strconv.Itoa(seq)}
	item["manifestVersion"] = &types.AttributeValueMemberN{Value: strconv.Itoa(version)}
	item["level"] = str(a.Level)
	item["data"] = str(string(body))
	versions, err := attributevalue.Marshal(a.WatchlistVersions)
	if err != nil {
		return fmt.Errorf("encode watchlist versions: %w", err)
	}
	n := func(i int) types.AttributeValue { return &types.AttributeValueMemberN{Value: strconv.Itoa(i)} }
	prevCond := "assessmentSeq = :prev"
	if seq == 1 {
		prevCond = "(assessmentSeq = :prev OR attribute_not_exists(assessmentSeq))"
	}
	statusCond := "#status = :status"
	if status == paxscreen.StatusScreened || status == paxscreen.StatusFlagged {
		statusCond = "#status IN (:received, :screened, :flagged)"
	}
	values := map[string]types.AttributeValue{
		":seq": n(seq), ":v": n(version), ":prev": n(seq - 1), ":level": str(a.Level), ":score": n(a.Score),
		":rs": str(a.RulesetVersion), ":wl": versions, ":done": str(paxscreen.ScoreDone), ":status": str(status),
		":gsi1": str("STATUS#" + status), ":now": str(s.now().Format(time.RFC3339)),
	}
	if status == paxscreen.StatusScreened || status == paxscreen.StatusFlagged {
		values[":received"], values[":screened"], values[":flagged"] = str(paxscreen.StatusReceived), str(paxscreen.StatusScreened), str(paxscreen.StatusFlagged)
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: &s.table, Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		{Update: &types.Update{
			TableName: &s.table,
			Key:       keyOf(manifestPK(id), "META"),
			UpdateExpression: aws.String("SET assessmentSeq = :seq, assessedVersion = :v, #level = :level, score = :score, " +
				"rulesetVersion = :rs, watchlistVersions = :wl, scoreState = :done, #status = :status, GSI1PK = :gsi1, updatedAt = :now"),
			ConditionExpression:       aws.String("version = :v AND " + prevCond + " AND " + statusCond),
			ExpressionAttributeNames:  map[string]string{"#level": "level", "#status": "status"},
			ExpressionAttributeValues: values,
		}},
	}})
	if err != nil {
		if failed := cancelled(err); failed != nil && (failed[0] || failed[1]) {
			return fmt.Errorf("save assessment %d of manifest %s: %w", seq, id, paxscreen.ErrAssessed)
		}
		return fmt.Errorf("save assessment %d of manifest %s: %w", seq, id, err)
	}
	return nil
}

// Assessments lists a manifest's assessments, oldest first.
func (s *Store) Assessments(ctx context.Context, id string) ([]paxscreen.AssessmentRecord, error) {
	var out []paxscreen.AssessmentRecord
	err := s.eachData(ctx, id, "ASSESSMENT#", func(data []byte) error {
		var rec paxscreen.AssessmentRecord
		if err := json.Unmarshal(data, &rec); err != nil {
			return err
		}
		out = append(out, rec)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list assessments of %s: %w", id, err)
	}
	return out, nil
}

// Assessment reads one assessment.
func (s *Store) Assessment(ctx context.Context, id string, seq int) (*paxscreen.AssessmentRecord, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: keyOf(manifestPK(id), assessmentSK(seq)), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("load assessment %d of %s: %w", seq, id, err)
	}
	if out.Item == nil {
		return nil, fmt.Errorf("load assessment %d of %s: %w", seq, id, paxscreen.ErrNotFound)
	}
	rec, err := decodeAssessment(out.Item)
	if err != nil {
		return nil, fmt.Errorf("assessment %d of %s: %w", seq, id, err)
	}
	return &rec, nil
}

func decodeAssessment(item map[string]types.AttributeValue) (paxscreen.AssessmentRecord, error) {
	var rec paxscreen.AssessmentRecord
	v, ok := item["data"].(*types.AttributeValueMemberS)
	if !ok {
		return rec, errors.New("item has no data")
	}
	if err := json.Unmarshal([]byte(v.Value), &rec); err != nil {
		return rec, err
	}
	return rec, nil
}

// Persons reads the persons of one version of a manifest (the first one, say, to see what an
// amendment changed).
func (s *Store) Persons(ctx context.Context, id string, version int) ([]manifest.Person, error) {
	var persons []manifest.Person
	err := s.eachData(ctx, id, fmt.Sprintf("PERSONS#%06d#", version), func(data []byte) error {
		var ps []manifest.Person
		if err := json.Unmarshal(data, &ps); err != nil {
			return err
		}
		persons = append(persons, ps...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load persons of manifest %s version %d: %w", id, version, err)
	}
	return persons, nil
}

// Sightings finds, through the document index, the other live manifests that carry one of rec's
// documents. An index entry counts only while it belongs to the other manifest's current version
// and that manifest is not closed: amendments leave stale entries behind rather than deleting them.
func (s *Store) Sightings(ctx context.Context, rec *paxscreen.Record) ([]rules.Sighting, error) {
	headers := map[string]*paxscreen.Header{}
	var out []rules.Sighting
	for i, p := range rec.Manifest.Persons {
		for j, d := range p.Documents {
			key := s.DocumentKey(d.Type, d.IssuingState, d.Number)
			res, err := s.db.Query(ctx, &dynamodb.QueryInput{
				TableName:                 &s.table,
				KeyConditionExpression:    aws.String("PK = :pk"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str("DOC#" + key)},
			})
			if err != nil {
				return nil, fmt.Errorf("query document index for manifest %s: %w", rec.Header.ID, err)
			}
			for _, it := range res.Items {
				var entry struct {
					ManifestID string `dynamodbav:"manifestId"`
					Version    int    `dynamodbav:"version"`
				}
				if err := attributevalue.UnmarshalMap(it, &entry); err != nil || entry.ManifestID == rec.Header.ID {
					continue
				}
				h, seen := headers[entry.ManifestID]
				if !seen {
					h, err = s.GetHeader(ctx, entry.ManifestID)
					if errors.Is(err, paxscreen.ErrNotFound) {
						headers[entry.ManifestID] = nil
						continue
					}
					if err != nil {
						return nil, err
					}
					headers[entry.ManifestID] = h
				}
				if h == nil || h.Version != entry.Version || h.Status == paxscreen.StatusClosed {
					continue
				}
				dep, _ := manifest.ParseTime(h.DepartureTime)
				arr, _ := manifest.ParseTime(h.ArrivalTime)
				out = append(out, rules.Sighting{PersonIndex: i, DocumentIndex: j, ManifestID: h.ID, Departure: dep, Arrival: arr})
			}
		}
	}
	return out, nil
}

// IndexDocuments (re)writes the document index of a stored version; idempotent.
func (s *Store) IndexDocuments(ctx context.Context, rec *paxscreen.Record) error {
	return s.indexDocuments(ctx, rec)
}
